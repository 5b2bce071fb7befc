using Autonomus.Core.Autonomy;
using Autonomus.Core.Common;
using Autonomus.Core.Suggestions;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Api;

/// <summary>
/// Earned autonomy for integrations, the same use cases as the Policies page and Done by autonomy:
/// /api/v1/autonomy/actions (every agent × action with its record), /autonomy/done (what policies applied),
/// and /autonomy/offers (actions that earned autonomy; an Admin in person confirms or declines).
/// </summary>
internal static class AutonomyEndpoints
{
    public static void MapAutonomyEndpoints(this RouteGroupBuilder api)
    {
        var autonomy = api.MapGroup("/autonomy").WithTags("Autonomy").RequireAuthorization(Policies.ApiReview);
        autonomy.MapGet("/actions", async (AutonomyQueries q, CancellationToken ct) => TypedResults.Ok(await q.OverviewAsync(ct)));
        autonomy.MapGet("/done", async ([AsParameters] ApiPaging paging, string? agent, string? tool, AutonomyQueries q, CancellationToken ct) =>
            paging.Wrap(await q.DoneAsync(new SuggestionFilter(Agent: agent, Tool: tool), paging.ToRequest(), ct)));
        autonomy.MapGet("/offers", async (DecideOffer offers, CancellationToken ct) => TypedResults.Ok(await offers.PendingAsync(ct)))
            .RequireAuthorization(Policies.ApiAdminister);
        autonomy.MapPost("/offers/{id:guid}/approve", async (Guid id, OfferBody? body, DecideOffer offers, CancellationToken ct) =>
            TypedResults.Ok(await offers.DecideAsync(id, true, body?.Note, ct))).RequireAuthorization(Policies.ApiAdminister);
        autonomy.MapPost("/offers/{id:guid}/reject", async Task<IResult> (Guid id, OfferBody? body, DecideOffer offers, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body?.Note)
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [Autonomus.Core.Localization.ValidationText.RejectReasonRequired] })
                : TypedResults.Ok(await offers.DecideAsync(id, false, body.Note, ct))).RequireAuthorization(Policies.ApiAdminister);
    }

    public sealed record OfferBody(string? Note);
}
