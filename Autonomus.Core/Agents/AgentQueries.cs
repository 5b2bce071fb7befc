using Autonomus.Core.Authorization;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents;

/// <summary>How one agent is doing over the chosen days: its status, work, people's verdicts, calibration and actions.</summary>
public sealed record AgentReport(string Agent, string OwnerRole, int Days, bool Paused, string? PauseReason, IReadOnlyList<ActionPause> PausedActions,
    IReadOnlyList<string> TriggerTypes, int Triggers, int Suggestions,
    int Accepted, int Edited, int Rejected, int Undone, int AutoApplied, DateTimeOffset? LastTriggerAt, DateTimeOffset? LastSuggestionAt,
    decimal? CalibrationError, decimal Bar, IReadOnlyList<ActionOverview> Actions, int Failed = 0, long ModelTokens = 0, int ModelFailures = 0,
    int MonthlyTokenBudget = 0, IReadOnlyList<AgentDay>? Daily = null)
{
    public int Decided => Accepted + Edited + Rejected + Undone;
    public decimal? Rate(int part) => Decided == 0 ? null : Math.Round((decimal)part / Decided, 4);
}

/// <summary>One day of an agent's work (UTC days): conditions found, suggestions made, and how the ones made that day were decided.</summary>
public sealed record AgentDay(DateOnly Day, int Triggers, int Suggestions, int Accepted, int Rejected);

/// <summary>
/// The Agents page's and the agents API's figures: GROUP BYs over triggers and suggestions (totals, and per day for the
/// charts), the model's calls, pauses, actions and calibration — a fixed number of statements per call, whatever the range.
/// </summary>
public sealed class AgentQueries(ICrmDbFactory dbFactory, ITenantContext tenant, RecordAccess access, AutonomyQueries autonomy, TimeProvider clock)
{
    public static readonly IReadOnlyList<int> Ranges = [7, 30, 90];

    private sealed record TriggerRow(string Type, int Count, DateTimeOffset? Last);
    private sealed record SuggestionRow(string Agent, int Count, int Accepted, int Edited, int Rejected, int Undone, int AutoApplied, int Failed, DateTimeOffset? Last);
    private sealed record ModelRow(string Type, long Tokens, int Failures);
    private sealed record DayRow(string Key, DateOnly Day, int Count, int Accepted, int Rejected);

    public async Task<IReadOnlyList<AgentReport>> ReportAsync(int days = 30, CancellationToken ct = default)
    {
        if (!access.CanSeeDashboards) throw new AccessDenied("Admins, sales managers and Auditors see how the agents are doing.");
        if (!Ranges.Contains(days)) throw InputInvalid.For("days", $"One of {string.Join(", ", Ranges)}.");
        var tenantId = tenant.TenantId ?? throw new AccessDenied("No organisation.");
        var since = clock.GetUtcNow().AddDays(-days);
        await using var db = await dbFactory.OpenAsync(ct);
        var triggers = (await db.Database.SqlQuery<TriggerRow>($"""
            SELECT type, count(*)::int AS count, max(detected_at) AS last
            FROM triggers WHERE tenant_id = {tenantId} AND detected_at >= {since} GROUP BY type
            """).ToListAsync(ct)).ToDictionary(t => t.Type);
        var suggestions = (await db.Database.SqlQuery<SuggestionRow>($"""
            SELECT agent, count(*)::int AS count,
                   count(*) FILTER (WHERE status = 'Applied' AND applied_by_policy IS NULL AND edited_payload IS NULL)::int AS accepted,
                   count(*) FILTER (WHERE status = 'Applied' AND applied_by_policy IS NULL AND edited_payload IS NOT NULL)::int AS edited,
                   count(*) FILTER (WHERE status = 'Rejected')::int AS rejected,
                   count(*) FILTER (WHERE status = 'Undone')::int AS undone,
                   count(*) FILTER (WHERE applied_by_policy IS NOT NULL AND status IN ('Applied', 'Undone'))::int AS auto_applied,
                   count(*) FILTER (WHERE status = 'Failed')::int AS failed,
                   max(created_at) AS last
            FROM suggestions WHERE tenant_id = {tenantId} AND created_at >= {since} GROUP BY agent
            """).ToListAsync(ct)).ToDictionary(s => s.Agent);
        // The model's work per condition (and so per agent): tokens spent and calls that failed.
        var models = (await db.Database.SqlQuery<ModelRow>($"""
            SELECT t.type, coalesce(sum(c.tokens_in + c.tokens_out), 0)::bigint AS tokens, count(*) FILTER (WHERE c.failure IS NOT NULL)::int AS failures
            FROM llm_calls c JOIN triggers t ON t.id = c.trigger_id
            WHERE c.tenant_id = {tenantId} AND c.at >= {since} GROUP BY t.type
            """).ToListAsync(ct)).ToDictionary(m => m.Type);
        var triggerDays = (await db.Database.SqlQuery<DayRow>($"""
            SELECT type AS key, (detected_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS count, 0 AS accepted, 0 AS rejected
            FROM triggers WHERE tenant_id = {tenantId} AND detected_at >= {since} GROUP BY 1, 2
            """).ToListAsync(ct)).ToLookup(d => d.Key);
        var suggestionDays = (await db.Database.SqlQuery<DayRow>($"""
            SELECT agent AS key, (created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS count,
                   count(*) FILTER (WHERE status = 'Applied')::int AS accepted, count(*) FILTER (WHERE status IN ('Rejected', 'Undone'))::int AS rejected
            FROM suggestions WHERE tenant_id = {tenantId} AND created_at >= {since} GROUP BY 1, 2
            """).ToListAsync(ct)).ToLookup(d => d.Key);
        var pauses = (await db.AgentPauses.AsNoTracking().ToListAsync(ct)).ToLookup(p => p.Agent);
        var actions = await autonomy.OverviewAsync(ct);
        var calibration = (await db.CalibrationBins.AsNoTracking().ToListAsync(ct)).ToLookup(b => b.Agent);
        var settings = await Policies.AutonomySettingsReader.ReadAsync(db, tenantId, ct);

        return AgentCatalogue.Modules.Select(module =>
        {
            var agent = module.Name;
            var types = module.Triggers.Select(t => t.Type).ToList();
            var own = types.Select(t => triggers.GetValueOrDefault(t)).OfType<TriggerRow>().ToList();
            var s = suggestions.GetValueOrDefault(agent);
            var status = ManageAgents.StatusOf(agent, pauses[agent]);
            return new AgentReport(agent, module.OwnerRole, days, status.Paused, status.Reason, status.PausedActions, types, own.Sum(t => t.Count), s?.Count ?? 0,
                s?.Accepted ?? 0, s?.Edited ?? 0, s?.Rejected ?? 0, s?.Undone ?? 0, s?.AutoApplied ?? 0, own.Max(t => t.Last), s?.Last,
                new Calibration(calibration[agent].ToList()).RawError, settings.AutonomyBar, actions.Where(a => a.Agent == agent).ToList(),
                s?.Failed ?? 0, types.Sum(t => models.GetValueOrDefault(t)?.Tokens ?? 0), types.Sum(t => models.GetValueOrDefault(t)?.Failures ?? 0),
                settings.AiMonthlyTokenBudget, Daily(since, types.SelectMany(t => triggerDays[t]), suggestionDays[agent]));
        }).ToList();
    }

    /// <summary>Every day of the range, the quiet ones included (a chart with gaps would misread as a trend).</summary>
    private IReadOnlyList<AgentDay> Daily(DateTimeOffset since, IEnumerable<DayRow> triggers, IEnumerable<DayRow> suggestions)
    {
        var t = triggers.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.Sum(d => d.Count));
        var s = suggestions.ToDictionary(d => d.Day);
        var first = DateOnly.FromDateTime(since.UtcDateTime);
        var last = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(i => first.AddDays(i))
            .Select(day => new AgentDay(day, t.GetValueOrDefault(day), s.GetValueOrDefault(day)?.Count ?? 0, s.GetValueOrDefault(day)?.Accepted ?? 0,
                s.GetValueOrDefault(day)?.Rejected ?? 0)).ToList();
    }

    public async Task<AgentReport> ReportAsync(string agent, int days = 30, CancellationToken ct = default) =>
        (await ReportAsync(days, ct)).SingleOrDefault(r => r.Agent == agent) ?? throw new RecordNotFound("Agent", Guid.Empty);
}
