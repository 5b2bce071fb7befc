using Autonomus.Core.Alerts;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// Autonomy earned and lost, for one organisation at a time (a job runs it every minute, and an undo right away):
/// an action in suggest whose record clears the bar is offered to the Admins (never promoted without a person); an action
/// acting on its own whose lower bound falls under the bar, or that was undone too often this week, returns to suggest at
/// once, with the reason on the ledger and an alert to the Admins.
/// </summary>
public sealed class EarnedAutonomy(ICrmDbFactory dbFactory, ITenantContext tenant, ToolCatalogue tools, LedgerWriter ledger, TimeProvider clock,
    ILogger<EarnedAutonomy> logger)
{
    public sealed record Outcome(int Offered, int Withdrawn, int Demoted);

    public async Task<Outcome> EvaluateAsync(CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Autonomy is evaluated for one organisation at a time.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One evaluator per organisation at a time (two nodes' jobs, or a job and an undo): no double offers or demotions.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('earned-autonomy:' || {tenantId.ToString()}))", ct);
        var settings = await AutonomySettingsReader.ReadAsync(db, tenantId, ct);
        var records = (await ActionRecord.LoadAsync(db, tenantId, now, ct)).ToDictionary(r => (r.Agent, r.Action));
        var policies = (await ManagePolicies.CurrentAsync(db, ct)).ToDictionary(p => (p.Agent, p.Action));
        var pending = await db.AutonomyOffers.Where(o => o.Status == OfferStatus.Pending).ToListAsync(ct);
        // An Admin who declined is not asked again for a week.
        var weekAgo = now.AddDays(-7);
        var declined = (await db.AutonomyOffers.Where(o => o.Status == OfferStatus.Rejected && o.DecidedAt > weekAgo)
            .Select(o => new { o.Agent, o.Action }).ToListAsync(ct)).Select(o => (o.Agent, o.Action)).ToHashSet();
        var zone = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.TimeZone).SingleAsync(ct);
        int offered = 0, withdrawn = 0, demoted = 0;

        foreach (var (key, record) in records)
        {
            if (tools.Mutations.FirstOrDefault(t => t.Name == key.Action) is not { } tool) continue;
            var policy = policies.GetValueOrDefault(key);
            var rules = policy?.Rules ?? PolicyRules.Default;
            var offer = pending.FirstOrDefault(o => o.Agent == key.Agent && o.Action == key.Action);
            if (rules.Mode == PolicyMode.Suggest)
            {
                var qualifies = Eligible(record, settings, tool);
                if (offer is not null && (!qualifies || offer.FromVersion != (policy?.Version ?? 0)))
                {
                    offer.Withdraw(qualifies ? "The policy changed since the offer." : "The action no longer clears the bar.", now);
                    withdrawn++;
                }
                else if (offer is null && qualifies && !declined.Contains(key))
                {
                    var dryRun = await PolicyDryRun.RunAsync(db, tenantId, zone, key.Agent, key.Action, tool.Risk, Promoted(rules), now, ct);
                    await OfferAsync(db, tenantId, record, policy?.Version ?? 0, dryRun, now, ct);
                    offered++;
                }
            }
            else if (rules.Mode is PolicyMode.AutoWithUndo or PolicyMode.Auto && WhyDemote(record, settings) is { } why)
            {
                try
                {
                    await ManagePolicies.AppendVersionAsync(db, ledger, tenantId, key.Agent, key.Action, tool.Risk, r => r with { Mode = PolicyMode.Suggest },
                        policy!.Version, LedgerActor.System("earned autonomy"), why, LedgerKinds.AutonomyDemoted, Evidence(record), now, ct);
                }
                catch (DomainRuleViolation)
                {
                    continue; // an Admin changed the policy meanwhile: the next evaluation judges the new one
                }
                await AlertNotifier.NotifyAsync(db, new Alert(AlertKinds.AutonomyDemoted, tenantId, Reason: $"{key.Agent} / {key.Action}: {why}", At: now), ct);
                logger.LogWarning("Autonomy of {Agent}/{Action} demoted for {Tenant}: {Reason}", key.Agent, key.Action, tenantId, why);
                demoted++;
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Outcome(offered, withdrawn, demoted);
    }

    /// <summary>A graduated action starts with these caps unless the Admin had set its own: people get used to it gradually.</summary>
    public const int StartingMaxPerHour = 30, StartingMaxPerDay = 200;

    /// <summary>The policy an offer proposes: the current rules, acting on its own with an undo window, within starting caps.</summary>
    public static PolicyRules Promoted(PolicyRules rules) => rules with
    {
        Mode = PolicyMode.AutoWithUndo, MaxPerHour = rules.MaxPerHour ?? StartingMaxPerHour, MaxPerDay = rules.MaxPerDay ?? StartingMaxPerDay,
    };

    /// <summary>An action in suggest that may be offered autonomy: it can act on its own with undo, and its record clears the bar.</summary>
    public static bool Eligible(ActionRecord r, AutonomySettings s, IMutationTool tool) =>
        tool.Risk != ToolRisk.NeverAuto && tool.Undoable
        && r.Decisions >= s.MinDecisionsForAutonomy && r.LowerBound >= s.AutonomyBar && r.ShadowPrecision >= s.AutonomyBar;

    /// <summary>
    /// Why an action acting on its own goes back to suggest, or null. The bound is judged once there are enough decisions
    /// to judge it (an Admin may set auto by hand on a young action); undos count from the first.
    /// </summary>
    public static string? WhyDemote(ActionRecord r, AutonomySettings s) =>
        r.UndosLastWeek >= s.DemoteAfterUndos
            ? $"{r.UndosLastWeek} undos in the last 7 days (the limit is {s.DemoteAfterUndos})."
            : r.Decisions >= s.MinDecisionsForAutonomy && r.LowerBound < s.AutonomyBar
                ? $"The lower bound of its acceptance fell to {r.LowerBound:0.000}, under the bar of {s.AutonomyBar:0.00} ({r.Accepted:0.#} of {r.Decisions} accepted)."
                : null;

    private async Task OfferAsync(ICrmDb db, Guid tenantId, ActionRecord record, int fromVersion, DryRunResult dryRun, DateTimeOffset now, CancellationToken ct)
    {
        var evidence = CanonicalJson.Serialize(new
        {
            agent = record.Agent, action = record.Action, decisions = record.Decisions, accepted = record.Accepted, acceptance = record.Acceptance, lower_bound = record.LowerBound,
            shadow_precision = record.ShadowPrecision, dry_run = dryRun,
        });
        var offer = new AutonomyOffer(tenantId, record.Agent, record.Action, fromVersion, evidence, now);
        db.AutonomyOffers.Add(offer);
        await ledger.AppendAsync(db, tenantId,
        [
            new LedgerDraft(LedgerKinds.AutonomyOffered, "system", null, "earned autonomy", "autonomy_offer", offer.Id, Guid.CreateVersion7(), evidence),
        ], ct);
        await AlertNotifier.NotifyAsync(db, new Alert(AlertKinds.AutonomyOffered, tenantId,
            Reason: $"{record.Agent} / {record.Action}: {record.Accepted:0.#} of {record.Decisions} accepted, lower bound {record.LowerBound:0.00}", At: now), ct);
    }

    private static object Evidence(ActionRecord r) => new
    {
        decisions = r.Decisions, accepted = r.Accepted, lower_bound = r.LowerBound, undos_last_week = r.UndosLastWeek, shadow_precision = r.ShadowPrecision,
    };
}
