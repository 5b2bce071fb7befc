using Autonomus.Core.Agents;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Autonomy;

/// <summary>An agent's action as the Policies page shows it: the policy, how people have judged it, and where it stands.</summary>
public sealed record ActionOverview(string Agent, string Action, ToolRisk Risk, bool Undoable, PolicyView Policy, ActionRecord Record,
    decimal? RawError, decimal? CalibratedError, bool Eligible, OfferView? Offer);

/// <summary>One decile of the reliability table: what the engine said, what people did, what the queue now shows.</summary>
public sealed record ReliabilityRow(int Bin, decimal From, decimal To, int Samples, decimal MeanRaw, decimal Observed, decimal Calibrated);

public sealed record ActionCalibration(string Action, string Engine, int Samples, decimal? RawError, decimal? CalibratedError, IReadOnlyList<ReliabilityRow> Bins);

/// <summary>What a policy applied on its own, for Done by autonomy.</summary>
public sealed record DoneRow(Guid Id, string Agent, string Tool, string Summary, string RecordLabel, RecordType RecordType, Guid RecordId,
    SuggestionStatus Status, string Policy, int? PolicyVersion, DateTimeOffset? AppliedAt, DateTimeOffset? UndoUntil, decimal Confidence);

/// <summary>Reads for the Policies page, the calibration API and Done by autonomy; each one set-based query or a few.</summary>
public sealed class AutonomyQueries(ICrmDbFactory dbFactory, ITenantContext tenant, RecordAccess access, ToolCatalogue tools,
    SuggestionQueries suggestions, TimeProvider clock)
{
    public async Task<IReadOnlyList<ActionOverview>> OverviewAsync(CancellationToken ct = default)
    {
        EnsureCanRead();
        var tenantId = tenant.TenantId!.Value;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.OpenAsync(ct);
        var settings = await AutonomySettingsReader.ReadAsync(db, tenantId, ct);
        var records = (await ActionRecord.LoadAsync(db, tenantId, now, ct)).ToDictionary(r => (r.Agent, r.Action));
        var policies = (await ManagePolicies.CurrentAsync(db, ct)).ToDictionary(p => (p.Agent, p.Action));
        var bins = (await db.CalibrationBins.AsNoTracking().ToListAsync(ct)).ToLookup(b => (b.Agent, b.Action));
        var offers = await db.AutonomyOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Pending).ToListAsync(ct);
        return AgentNames.All.SelectMany(agent => tools.Mutations.OrderBy(t => t.Name).Select(tool =>
        {
            var key = (agent, tool.Name);
            var p = policies.GetValueOrDefault(key);
            var view = p is null ? new PolicyView(agent, tool.Name, 0, PolicyRules.Default, null, null) : new PolicyView(agent, tool.Name, p.Version, p.Rules, p.ChangedAt, p.Reason);
            var seen = records.TryGetValue(key, out var record);
            record ??= new ActionRecord(agent, tool.Name, 0, 0, 0, 0, 0, 0);
            // Engines pooled per decile: the page shows the action as a whole; the API breaks it down per engine.
            var pooled = new Calibration(Pool(tenantId, agent, tool.Name, bins[key]));
            var offer = offers.FirstOrDefault(o => o.Agent == agent && o.Action == tool.Name);
            // An action the agent may propose is always listed; another only while it has a history, a policy or an offer.
            if (!AgentCatalogue.Find(agent)!.Actions.Contains(tool.Name) && !seen && p is null && offer is null) return null;
            return new ActionOverview(agent, tool.Name, tool.Risk, tool.Undoable, view, record, pooled.RawError, pooled.CalibratedError,
                view.Rules.Mode == PolicyMode.Suggest && EarnedAutonomy.Eligible(record, settings, tool),
                offer is null ? null : new OfferView(offer.Id, offer.Agent, offer.Action, offer.FromVersion, offer.Evidence, offer.Status, offer.CreatedAt, offer.DecidedAt, offer.Note));
        })).OfType<ActionOverview>().ToList();
    }

    /// <summary>The reliability table per action × engine of one agent.</summary>
    public async Task<IReadOnlyList<ActionCalibration>> CalibrationAsync(string agent, CancellationToken ct = default)
    {
        EnsureCanRead();
        if (!AgentNames.All.Contains(agent)) throw new RecordNotFound("Agent", Guid.Empty);
        await using var db = await dbFactory.OpenAsync(ct);
        var bins = await db.CalibrationBins.AsNoTracking().Where(b => b.Agent == agent).ToListAsync(ct);
        return bins.GroupBy(b => (b.Action, b.Engine)).OrderBy(g => g.Key.Action).ThenBy(g => g.Key.Engine).Select(g =>
        {
            var calibration = new Calibration(g.ToList());
            return new ActionCalibration(g.Key.Action, g.Key.Engine, calibration.Samples, calibration.RawError, calibration.CalibratedError,
                g.OrderBy(b => b.Bin).Select(b => new ReliabilityRow(b.Bin, b.Bin / 10m, (b.Bin + 1) / 10m, b.Samples, Math.Round(b.MeanRaw, 3),
                    Math.Round(b.Observed, 3), calibration.Calibrate(b.MeanRaw) ?? b.MeanRaw)).ToList());
        }).ToList();
    }

    public async Task<Page<DoneRow>> DoneAsync(SuggestionFilter filter, PageRequest page, CancellationToken ct = default)
    {
        access.EnsureCanReview();
        await using var db = await dbFactory.OpenAsync(ct);
        var query = suggestions.Filtered(db, filter with { Status = null, DoneByAutonomy = true });
        page = page.Normalized();
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(s => s.AppliedAt).ThenByDescending(s => s.Id).Skip(page.Skip).Take(page.Take)
            .Select(s => new DoneRow(s.Id, s.Agent, s.Tool, s.Summary, s.RecordLabel, s.RecordType, s.RecordId, s.Status, s.AppliedByPolicy!,
                s.PolicyVersion, s.AppliedAt, s.UndoUntil, s.CalibratedConfidence ?? s.Confidence)).ToListAsync(ct);
        return new Page<DoneRow>(items, total);
    }

    /// <summary>What autonomy did that this reviewer can still undo (the count beside Done by autonomy in the menu).</summary>
    public async Task<int> CountUndoableAsync(CancellationToken ct = default)
    {
        if (!access.CanReview) return 0;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.OpenAsync(ct);
        return await suggestions.Filtered(db, new SuggestionFilter(Status: SuggestionStatus.Applied, DoneByAutonomy: true))
            .CountAsync(s => s.UndoUntil > now, ct);
    }

    private static List<CalibrationBin> Pool(Guid tenantId, string agent, string action, IEnumerable<CalibrationBin> bins) =>
        bins.GroupBy(b => b.Bin).Select(g => new CalibrationBin(tenantId, agent, action, "*", g.Key, g.Sum(b => b.Samples), g.Sum(b => b.Successes),
            g.Sum(b => b.RawSum), g.Max(b => b.RefreshedAt))).ToList();

    private void EnsureCanRead()
    {
        // How autonomy is doing is read like a dashboard: Admins, sales managers and Auditors (an Auditor's API key too).
        if (!access.CanSeeDashboards) throw new AccessDenied("Admins, sales managers and Auditors read how autonomy is doing.");
    }
}
