using Autonomus.Core.Agents;
using Autonomus.Core.Agents.AutomationOptimizer;
using Autonomus.Core.Agents.Prediction;
using Autonomus.Core.Autonomy;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Api;

/// <summary>
/// The agents for integrations, the same use cases as the Agents page: /api/v1/agents (which run, which are paused),
/// /agents/{agent} (its report over 7, 30 or 90 days), /agents/{agent}/calibration (the reliability table),
/// /agents/{agent}/settings (its thresholds and their versions; an Admin changes them with PUT) and pause/resume of an
/// agent or one of its actions (an Admin, with a reason).
/// </summary>
internal static class AgentEndpoints
{
    public static void MapAgentEndpoints(this RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Agents").RequireAuthorization(Policies.ApiReview);
        agents.MapGet("/", async (ManageAgents manage, CancellationToken ct) => TypedResults.Ok(await manage.ListAsync(ct)));

        // The Automation Optimizer's open recommendations; an Admin in person applies or dismisses one (a reason is needed to dismiss).
        agents.MapGet("/recommendations", async (DecideRecommendation decide, CancellationToken ct) =>
            TypedResults.Ok((await decide.OpenAsync(ct)).Select(RecommendationView.Of)));
        agents.MapPost("/recommendations/{id:guid}/apply", async (Guid id, NoteBody? body, DecideRecommendation decide, CancellationToken ct) =>
            TypedResults.Ok(RecommendationView.Of(await decide.DecideAsync(id, true, body?.Note, ct)))).RequireAuthorization(Policies.ApiAdminister);
        agents.MapPost("/recommendations/{id:guid}/dismiss", async (Guid id, NoteBody? body, DecideRecommendation decide, CancellationToken ct) =>
            TypedResults.Ok(RecommendationView.Of(await decide.DecideAsync(id, false, body?.Note, ct)))).RequireAuthorization(Policies.ApiAdminister);
        // An agent's model (Lead Intelligence's lead score, Deal Strategy's win probability): its latest training and the one
        // in use; an Admin retrains it on demand (then the open records are rescored).
        agents.MapGet("/{agent}/model", async (string agent, PredictionStatus status, CancellationToken ct) => TypedResults.Ok(await status.GetAsync(agent, ct)));
        agents.MapPost("/{agent}/model/train", async (string agent, RetrainPrediction retrain, CancellationToken ct) => TypedResults.Ok(await retrain.HandleAsync(agent, ct)))
            .RequireAuthorization(Policies.ApiAdminister);
        // Communication's outbox: emails by status and the latest failure.
        agents.MapGet("/communication/outbox", async (Autonomus.Core.Agents.Communication.Email.OutboxQueries outbox, CancellationToken ct) =>
            TypedResults.Ok(await outbox.GetAsync(ct)));
        agents.MapGet("/{agent}", async (string agent, int? days, AgentQueries q, CancellationToken ct) => TypedResults.Ok(await q.ReportAsync(agent, days ?? 30, ct)));
        agents.MapGet("/{agent}/calibration", async (string agent, AutonomyQueries q, CancellationToken ct) => TypedResults.Ok(await q.CalibrationAsync(agent, ct)));

        agents.MapGet("/{agent}/settings", async (string agent, HttpResponse response, ManageAgentSettings settings, CancellationToken ct) =>
        {
            var view = await settings.GetAsync(agent, ct);
            ApiProblems.SetVersion(response, view.Version);
            return TypedResults.Ok(view);
        });
        agents.MapPut("/{agent}/settings", async Task<IResult> (string agent, SettingsBody? body, HttpRequest request, HttpResponse response,
            ManageAgentSettings settings, CancellationToken ct) =>
        {
            if (!ApiProblems.TryReadOptionalVersion(request, out var expected)) return ApiProblems.VersionRequired();
            var view = await settings.UpdateAsync(agent, body?.Values, body?.Reason, expected, ct);
            ApiProblems.SetVersion(response, view.Version);
            return TypedResults.Ok(view);
        }).RequireAuthorization(Policies.ApiAdminister);

        agents.MapPost("/{agent}/pause", async Task<IResult> (string agent, PauseBody? body, ManageAgents manage, CancellationToken ct) =>
        {
            await manage.PauseAsync(agent, body?.Reason ?? "", ct: ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ApiAdminister);
        agents.MapPost("/{agent}/resume", async Task<IResult> (string agent, ManageAgents manage, CancellationToken ct) =>
        {
            await manage.ResumeAsync(agent, ct: ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ApiAdminister);
        agents.MapPost("/{agent}/actions/{action}/pause", async Task<IResult> (string agent, string action, PauseBody? body, ManageAgents manage, CancellationToken ct) =>
        {
            await manage.PauseAsync(agent, body?.Reason ?? "", action, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ApiAdminister);
        agents.MapPost("/{agent}/actions/{action}/resume", async Task<IResult> (string agent, string action, ManageAgents manage, CancellationToken ct) =>
        {
            await manage.ResumeAsync(agent, action, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ApiAdminister);
    }

    public sealed record NoteBody(string? Note);

    /// <summary>A recommendation as integrations read it.</summary>
    public sealed record RecommendationView(Guid Id, string Agent, RecommendationKind Kind, string Subject, int? CurrentValue, int? ProposedValue,
        RecommendationEvidence Evidence, RecommendationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? Note)
    {
        public static RecommendationView Of(Recommendation r) =>
            new(r.Id, r.Agent, r.Kind, r.Subject, r.CurrentValue, r.ProposedValue, r.Figures, r.Status, r.CreatedAt, r.DecidedAt, r.Note);
    }

    /// <summary>Why the agent or action is paused (required: it goes on the ledger).</summary>
    public sealed record PauseBody(string? Reason);

    /// <summary>The settings to change (key → value; the others keep theirs) and why.</summary>
    public sealed record SettingsBody(Dictionary<string, int>? Values, string? Reason);
}
