using Autonomus.Core.Autonomy;
using Autonomus.Core.Common;
using Autonomus.Core.Suggestions;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Api;

/// <summary>
/// Earned autonomy for integrations, the same use cases as the Policies page and Done by autonomy:
/// /api/v1/autonomy/actions (every agent × action with its record), /autonomy/done (what policies applied),
/// /autonomy/offers (actions that earned autonomy; an Admin in person confirms or declines), /api/v1/agents (which run,
/// which are paused; an Admin pauses and resumes) and /api/v1/agents/{agent}/calibration (the reliability table).
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

        var agents = api.MapGroup("/agents").WithTags("Autonomy").RequireAuthorization(Policies.ApiReview);
        agents.MapGet("/", async (ManageAgents manage, CancellationToken ct) => TypedResults.Ok(await manage.ListAsync(ct)));
        agents.MapGet("/{agent}", async (string agent, int? days, AgentQueries q, CancellationToken ct) => TypedResults.Ok(await q.ReportAsync(agent, days ?? 30, ct)));
        agents.MapGet("/{agent}/calibration", async (string agent, AutonomyQueries q, CancellationToken ct) => TypedResults.Ok(await q.CalibrationAsync(agent, ct)));
        agents.MapPost("/{agent}/pause", async Task<IResult> (string agent, PauseBody? body, ManageAgents manage, CancellationToken ct) =>
        {
            await manage.PauseAsync(agent, body?.Reason ?? "", ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ApiAdminister);
        agents.MapPost("/{agent}/resume", async Task<IResult> (string agent, ManageAgents manage, CancellationToken ct) =>
        {
            await manage.ResumeAsync(agent, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ApiAdminister);
    }

    public sealed record OfferBody(string? Note);

    /// <summary>Why the agent is paused (required: it goes on the ledger).</summary>
    public sealed record PauseBody(string? Reason);
}
