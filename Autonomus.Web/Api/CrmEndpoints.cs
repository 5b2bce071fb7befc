using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Accounts;
using Autonomus.Core.Crm.Activities;
using Autonomus.Core.Crm.Contacts;
using Autonomus.Core.Crm.Deals;
using Autonomus.Core.Crm.Leads;
using Autonomus.Core.History;
using Autonomus.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Autonomus.Web.Api;

/// <summary>
/// /api/v1 CRM resources: list (server paging), get (with ETag, or as it was at <c>?asOf=</c>), its history, create,
/// update (If-Match). Each handler is
/// one call into Core, which applies tenant, role and team rules exactly as for the console.
/// </summary>
internal static class CrmEndpoints
{
    public static void MapCrmEndpoints(this RouteGroupBuilder api)
    {
        api.MapArchive();
        api.MapBatchUndo();
        var leads = api.MapGroup("/leads").WithTags("Leads");
        leads.MapGet("/", async ([AsParameters] ApiPaging paging, string? search, LeadStatus? status, LeadSource? source, Guid? ownerId, LeadQueries q, CancellationToken ct) =>
            paging.Wrap(await q.ListAsync(new LeadListFilter(search, status, source, ownerId), paging.ToRequest(), ct)));
        leads.MapGet("/{id:guid}", async (Guid id, DateTimeOffset? asOf, LeadQueries q, RecordHistory history, HttpResponse response, CancellationToken ct) =>
            asOf is { } at ? await HistoryEndpoints.AsOfAsync(history, RecordType.Lead, id, at, ct)
            : await q.GetAsync(id, ct) is { } lead ? Versioned(response, lead.Version, lead) : ApiProblems.NotFound());
        leads.MapHistory(RecordType.Lead);
        leads.MapLifecycle(RecordType.Lead);
        leads.MapPost("/", async (LeadInput input, SaveLead save, CancellationToken ct) =>
            TypedResults.Created($"/api/v1/leads/{await save.CreateAsync(input, ct)}")).RequireAuthorization(Policies.ApiWrite);
        leads.MapPut("/{id:guid}", async (Guid id, LeadInput input, SaveLead save, HttpRequest request, CancellationToken ct) =>
            await UpdateAsync(request, version => save.UpdateAsync(id, version, input, ct))).RequireAuthorization(Policies.ApiWrite);

        var deals = api.MapGroup("/deals").WithTags("Deals");
        deals.MapGet("/", async ([AsParameters] ApiPaging paging, string? search, DealStage? stage, Guid? ownerId, Guid? accountId, bool? openOnly, DealQueries q, CancellationToken ct) =>
            paging.Wrap(await q.ListAsync(new DealListFilter(search, stage, ownerId, accountId, openOnly ?? false), paging.ToRequest(), ct)));
        deals.MapGet("/{id:guid}", async (Guid id, DateTimeOffset? asOf, DealQueries q, RecordHistory history, HttpResponse response, CancellationToken ct) =>
            asOf is { } at ? await HistoryEndpoints.AsOfAsync(history, RecordType.Deal, id, at, ct)
            : await q.GetAsync(id, ct) is { } deal ? Versioned(response, deal.Version, deal) : ApiProblems.NotFound());
        deals.MapHistory(RecordType.Deal);
        deals.MapLifecycle(RecordType.Deal);
        deals.MapPost("/", async (DealInput input, SaveDeal save, CancellationToken ct) =>
            TypedResults.Created($"/api/v1/deals/{await save.CreateAsync(input, ct)}")).RequireAuthorization(Policies.ApiWrite);
        deals.MapPut("/{id:guid}", async (Guid id, DealInput input, SaveDeal save, HttpRequest request, CancellationToken ct) =>
            await UpdateAsync(request, version => save.UpdateAsync(id, version, input, ct))).RequireAuthorization(Policies.ApiWrite);

        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapGet("/", async ([AsParameters] ApiPaging paging, string? search, string? industry, Guid? ownerId, AccountQueries q, CancellationToken ct) =>
            paging.Wrap(await q.ListAsync(new AccountListFilter(search, industry, ownerId), paging.ToRequest(), ct)));
        accounts.MapGet("/{id:guid}", async (Guid id, DateTimeOffset? asOf, AccountQueries q, RecordHistory history, HttpResponse response, CancellationToken ct) =>
            asOf is { } at ? await HistoryEndpoints.AsOfAsync(history, RecordType.Account, id, at, ct)
            : await q.GetAsync(id, ct) is { } account ? Versioned(response, account.Version, account) : ApiProblems.NotFound());
        accounts.MapHistory(RecordType.Account);
        accounts.MapLifecycle(RecordType.Account);
        // Customer Risk's health of the account, newest day first.
        accounts.MapGet("/{id:guid}/health", async (Guid id, int? days, Autonomus.Core.Agents.CustomerRisk.Health.AccountHealthQueries q, CancellationToken ct) =>
            await q.HistoryAsync(id, Math.Clamp(days ?? 90, 1, 365), ct) is { } history ? TypedResults.Ok(history) : ApiProblems.NotFound());
        accounts.MapPost("/", async (AccountInput input, SaveAccount save, CancellationToken ct) =>
            TypedResults.Created($"/api/v1/accounts/{await save.CreateAsync(input, ct)}")).RequireAuthorization(Policies.ApiWrite);
        accounts.MapPut("/{id:guid}", async (Guid id, AccountInput input, SaveAccount save, HttpRequest request, CancellationToken ct) =>
            await UpdateAsync(request, version => save.UpdateAsync(id, version, input, ct))).RequireAuthorization(Policies.ApiWrite);

        var contacts = api.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("/", async ([AsParameters] ApiPaging paging, string? search, Guid? accountId, Guid? ownerId, ContactQueries q, CancellationToken ct) =>
            paging.Wrap(await q.ListAsync(new ContactListFilter(search, accountId, ownerId), paging.ToRequest(), ct)));
        contacts.MapGet("/{id:guid}", async (Guid id, DateTimeOffset? asOf, ContactQueries q, RecordHistory history, HttpResponse response, CancellationToken ct) =>
            asOf is { } at ? await HistoryEndpoints.AsOfAsync(history, RecordType.Contact, id, at, ct)
            : await q.GetAsync(id, ct) is { } contact ? Versioned(response, contact.Version, contact) : ApiProblems.NotFound());
        contacts.MapHistory(RecordType.Contact);
        contacts.MapLifecycle(RecordType.Contact);
        contacts.MapPost("/", async (ContactInput input, SaveContact save, CancellationToken ct) =>
            TypedResults.Created($"/api/v1/contacts/{await save.CreateAsync(input, ct)}")).RequireAuthorization(Policies.ApiWrite);
        contacts.MapPut("/{id:guid}", async (Guid id, ContactInput input, SaveContact save, HttpRequest request, CancellationToken ct) =>
            await UpdateAsync(request, version => save.UpdateAsync(id, version, input, ct))).RequireAuthorization(Policies.ApiWrite);

        var activities = api.MapGroup("/activities").WithTags("Activities");
        activities.MapGet("/", async ([AsParameters] ApiPaging paging, string? search, ActivityType? type, ActivityState? state, Guid? ownerId, ActivityQueries q, CancellationToken ct) =>
            paging.Wrap(await q.ListAsync(new ActivityListFilter(search, type, state ?? ActivityState.Any, ownerId), paging.ToRequest(), ct)));
        activities.MapGet("/{id:guid}", async (Guid id, DateTimeOffset? asOf, ActivityQueries q, RecordHistory history, HttpResponse response, CancellationToken ct) =>
            asOf is { } at ? await HistoryEndpoints.AsOfAsync(history, RecordType.Activity, id, at, ct)
            : await q.GetAsync(id, ct) is { } activity ? Versioned(response, activity.Version, activity) : ApiProblems.NotFound());
        activities.MapHistory(RecordType.Activity);
        activities.MapPost("/", async (ActivityInput input, LogActivity log, CancellationToken ct) =>
            TypedResults.Created($"/api/v1/activities/{await log.HandleAsync(input, ct)}")).RequireAuthorization(Policies.ApiWrite);
        activities.MapPut("/{id:guid}", async (Guid id, ActivityInput input, UpdateActivity update, HttpRequest request, CancellationToken ct) =>
            await UpdateAsync(request, version => update.HandleAsync(id, version, input, ct))).RequireAuthorization(Policies.ApiWrite);
    }

    private static IResult Versioned<T>(HttpResponse response, int version, T body)
    {
        ApiProblems.SetVersion(response, version);
        return TypedResults.Ok(body);
    }

    private static async Task<IResult> UpdateAsync(HttpRequest request, Func<int, Task> update)
    {
        if (!ApiProblems.TryReadVersion(request, out var version)) return ApiProblems.VersionRequired();
        await update(version);
        return TypedResults.NoContent();
    }
}
