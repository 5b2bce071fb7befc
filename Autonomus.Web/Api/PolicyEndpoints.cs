using Autonomus.Core.Policies;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Api;

/// <summary>
/// /api/v1/policies: the autonomy policies per agent × action. Admins and sales managers read them (a token or a key);
/// only an Admin in person changes one, each change a new version with its reason, on the ledger (ManagePolicies).
/// </summary>
internal static class PolicyEndpoints
{
    public static void MapPolicyEndpoints(this RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/policies").WithTags("Policies").RequireAuthorization(Policies.ApiReview);
        policies.MapGet("/", async (ManagePolicies manage, CancellationToken ct) => TypedResults.Ok(await manage.ListAsync(ct)));
        policies.MapGet("/{agent}/{action}/versions", async (string agent, string action, ManagePolicies manage, CancellationToken ct) =>
            TypedResults.Ok(await manage.VersionsAsync(agent, action, ct)));
        policies.MapPost("/dry-run", async (DryRunBody body, Autonomus.Core.Autonomy.PolicyDryRun dryRun, CancellationToken ct) =>
            TypedResults.Ok(await dryRun.RunAsync(body.Agent ?? "", body.Action ?? "", body.ToRules(), ct)));
        policies.MapPut("/{agent}/{action}", async (string agent, string action, PolicyBody body, ManagePolicies manage, CancellationToken ct) =>
            TypedResults.Ok(await manage.SetAsync(agent, action, body.ToRules(), body.Reason, ct))).RequireAuthorization(Policies.ApiAdminister);
    }

    /// <summary>The rules to try on an agent's action over the last 30 days.</summary>
    public sealed record DryRunBody(string? Agent, string? Action, PolicyMode Mode, decimal? ConfidenceFloor, int? MaxPerHour, int? MaxPerDay,
        int? MaxPerRecordPerDay, TimeOnly? QuietFrom, TimeOnly? QuietTo, Autonomus.Core.Tools.ToolRisk? RiskCeiling)
    {
        public PolicyRules ToRules() => new(Mode, ConfidenceFloor, MaxPerHour, MaxPerDay, MaxPerRecordPerDay, QuietFrom, QuietTo, RiskCeiling);
    }

    /// <summary>A policy as sent: the mode is required, every limit optional; the reason goes on the ledger.</summary>
    public sealed record PolicyBody(PolicyMode Mode, decimal? ConfidenceFloor, int? MaxPerHour, int? MaxPerDay, int? MaxPerRecordPerDay,
        TimeOnly? QuietFrom, TimeOnly? QuietTo, Autonomus.Core.Tools.ToolRisk? RiskCeiling, IReadOnlyList<string>? NotifyRoles, string? Reason)
    {
        public PolicyRules ToRules() => new(Mode, ConfidenceFloor, MaxPerHour, MaxPerDay, MaxPerRecordPerDay, QuietFrom, QuietTo, RiskCeiling, NotifyRoles);
    }
}
