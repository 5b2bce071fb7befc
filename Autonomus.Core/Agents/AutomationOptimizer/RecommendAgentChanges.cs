using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Agents.AutomationOptimizer;

/// <summary>
/// The Automation Optimizer's run for the organisation: from the last 90 days of decisions, one GROUP BY per threshold
/// (decisions by the value of the fact it bounds) and one over every agent × action, it records what it would change —
/// a threshold to raise (<see cref="ThresholdAnalysis"/>), an action nobody accepted to pause, an action acting on its own
/// whose last 14 days were kept far less often than its 90 (at least 15 points under) to put back to suggest — unless the
/// same is open or was dismissed within 30 days. Graduations are #9's offers (earned autonomy), not the Optimizer's: it
/// only ever recommends less autonomy. Each new recommendation is on the ledger.
/// </summary>
public sealed class RecommendAgentChanges(ICrmDbFactory dbFactory, ITenantContext tenant, LedgerWriter ledger, TimeProvider clock,
    ILogger<RecommendAgentChanges> logger)
{
    public const int Days = 90;
    public const int DismissedForDays = 30;
    public const int RecentDays = 14;
    /// <summary>How far (in share kept) the recent days must fall under the 90 days for a demotion to be recommended.</summary>
    public const decimal DemoteDrop = 0.15m;

    private sealed record ActionDecisions(string Agent, string Tool, int Decided, int Accepted, int RecentDecided, int RecentAccepted);

    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Recommendations are made for one organisation at a time.");
        var now = clock.GetUtcNow();
        var since = now.AddDays(-Days);
        await using var db = await dbFactory.OpenAsync(ct);
        var settings = await AutonomySettingsReader.ReadAsync(db, tenantId, ct);
        var dismissedSince = now.AddDays(-DismissedForDays);
        var taken = (await db.Recommendations.AsNoTracking()
                .Where(r => r.Status == RecommendationStatus.Open || (r.Status == RecommendationStatus.Dismissed && r.DecidedAt > dismissedSince))
                .Select(r => new { r.Agent, r.Kind, r.Subject }).ToListAsync(ct))
            .Select(r => (r.Agent, r.Kind, r.Subject)).ToHashSet();
        var made = new List<Recommendation>();

        foreach (var module in AgentCatalogue.Modules)
            foreach (var setting in module.Settings.Where(s => s.Bounds is not null && !taken.Contains((module.Name, RecommendationKind.Threshold, s.Key))))
            {
                var (type, fact) = setting.Bounds!.Value;
                var decisions = await db.Database.SqlQuery<DecisionsAt>($"""
                    SELECT (t.context ->> {fact})::int AS value,
                           count(*) FILTER (WHERE s.status = 'Applied')::int AS accepted,
                           count(*) FILTER (WHERE s.status IN ('Rejected', 'Undone'))::int AS rejected
                    FROM suggestions s JOIN triggers t ON t.id = s.trigger_id
                    WHERE s.tenant_id = {tenantId} AND s.trigger_type = {type} AND s.created_at >= {since}
                      AND s.status IN ('Applied', 'Rejected', 'Undone') AND t.context ->> {fact} IS NOT NULL
                    GROUP BY 1
                    """).ToListAsync(ct);
                var current = setting.Read(settings);
                if (ThresholdAnalysis.Recommend(decisions, current, settings.OptimizerMinDecisions) is { } found && setting.Allows(found.Proposed))
                    made.Add(new Recommendation(tenantId, module.Name, RecommendationKind.Threshold, setting.Key, current, found.Proposed, found.Evidence, now));
            }

        var paused = (await db.AgentPauses.Select(p => new { p.Agent, p.Action }).ToListAsync(ct)).Select(p => (p.Agent, p.Action)).ToHashSet();
        var actions = await db.Database.SqlQuery<ActionDecisions>($"""
            SELECT agent, tool, count(*)::int AS decided, count(*) FILTER (WHERE status = 'Applied')::int AS accepted,
                   count(*) FILTER (WHERE created_at >= {now.AddDays(-RecentDays)})::int AS recent_decided,
                   count(*) FILTER (WHERE created_at >= {now.AddDays(-RecentDays)} AND status = 'Applied')::int AS recent_accepted
            FROM suggestions
            WHERE tenant_id = {tenantId} AND created_at >= {since} AND status IN ('Applied', 'Rejected', 'Undone')
            GROUP BY agent, tool
            """).ToListAsync(ct);
        foreach (var a in actions.Where(a => a.Accepted == 0 && a.Decided >= settings.OptimizerMinDecisions))
        {
            if (taken.Contains((a.Agent, RecommendationKind.PauseAction, a.Tool)) || paused.Contains((a.Agent, a.Tool)) || paused.Contains((a.Agent, ""))) continue;
            if (AgentCatalogue.Find(a.Agent)?.Actions.Contains(a.Tool) != true) continue;
            made.Add(new Recommendation(tenantId, a.Agent, RecommendationKind.PauseAction, a.Tool, null, null, new RecommendationEvidence(a.Decided, a.Decided, 1m, 0m), now));
        }
        var autonomous = (await ManagePolicies.CurrentAsync(db, ct)).Where(p => p.Rules.Mode is PolicyMode.AutoWithUndo or PolicyMode.Auto)
            .Select(p => (p.Agent, p.Action)).ToHashSet();
        foreach (var a in actions.Where(a => autonomous.Contains((a.Agent, a.Tool)) && a.RecentDecided >= Math.Max(10, settings.OptimizerMinDecisions / 3)))
        {
            var (recent, overall) = (Math.Round((decimal)a.RecentAccepted / a.RecentDecided, 4), Math.Round((decimal)a.Accepted / a.Decided, 4));
            if (recent > overall - DemoteDrop || taken.Contains((a.Agent, RecommendationKind.Demote, a.Tool))) continue;
            made.Add(new Recommendation(tenantId, a.Agent, RecommendationKind.Demote, a.Tool, null, null,
                new RecommendationEvidence(a.Decided, a.RecentDecided - a.RecentAccepted, 1 - recent, overall, a.RecentDecided, recent, overall), now));
        }
        if (made.Count == 0) return 0;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Recommendations.AddRange(made);
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(db, tenantId, made.Select(r => new LedgerDraft(LedgerKinds.RecommendationMade, "agent", null, AgentNames.AutomationOptimizer,
            "recommendation", r.Id, Guid.CreateVersion7(), CanonicalJson.Serialize(new
            {
                agent = r.Agent, kind = r.Kind, subject = r.Subject, current = r.CurrentValue, proposed = r.ProposedValue, evidence = r.Figures,
            }))).ToList(), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Automation Optimizer made {Count} recommendations for tenant {Tenant}", made.Count, tenantId);
        return made.Count;
    }
}
