using System.Text.Json;
using System.Text.Json.Nodes;
using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Telemetry;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Suggestions;

/// <summary>
/// Turns the current tenant's open triggers that have no suggestion yet into suggestions, a batch at a time:
/// the facts for the whole batch come from a handful of set-based queries, each proposal is checked against
/// its tool's schema, and suggestions and their ledger entries are written in one transaction.
/// </summary>
public sealed class ProposeSuggestions(
    ICrmDbFactory dbFactory, ITenantContext tenant, ISuggestionEngine engine, ToolCatalogue tools, LedgerWriter ledger, Llm.AiOptions ai,
    TriggerFactsLoader factsLoader, Apply.SafeApplyEngine safeApply, AutonomyMetrics metrics, TimeProvider clock, ILogger<ProposeSuggestions> logger)
{
    public const int BatchSize = 200;
    public const int LlmBatchSize = 10;

    /// <summary>Proposes for up to <paramref name="max"/> triggers; returns how many suggestions were created.</summary>
    public async Task<int> HandleAsync(int max = BatchSize, Guid? triggerId = null, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Suggestions are proposed for one tenant at a time.");
        // A model takes seconds per trigger: smaller batches keep each transaction (and its row locks) short.
        if (ai.IsConfigured) max = Math.Min(max, LlmBatchSize);
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await AutonomySettingsReader.ReadForShareAsync(db, tenantId, ct);
        if (settings.KillSwitchEngaged) return 0;

        // A paused agent's triggers wait, open, until it resumes.
        var paused = await Agents.ManageAgents.PausedTriggerTypesAsync(db, ct);
        var pausedActions = await Agents.ManageAgents.PausedActionsAsync(db, ct);
        var triggers = await db.Triggers
            .FromSql($"SELECT * FROM triggers t WHERE t.closed_at IS NULL AND ({triggerId}::uuid IS NULL OR t.id = {triggerId}) AND t.type <> ALL({paused}) AND NOT EXISTS (SELECT 1 FROM suggestions s WHERE s.trigger_id = t.id) ORDER BY t.detected_at, t.id LIMIT {max} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        // Proposers run concurrently (one per detector job). One may commit a suggestion for a trigger after this
        // statement's snapshot but before it locked the row, so the NOT EXISTS above missed it: a fresh statement sees it.
        var ids = triggers.Select(t => t.Id).ToList();
        var taken = await db.Suggestions.Where(s => ids.Contains(s.TriggerId)).Select(s => s.TriggerId).ToListAsync(ct);
        if (taken.Count > 0) triggers = triggers.Where(t => !taken.Contains(t.Id)).ToList();
        if (triggers.Count == 0) return 0;

        var now = clock.GetUtcNow();
        var facts = await factsLoader.LoadAsync(db, triggers, now, ct);
        var autonomy = await Autonomy.BatchPolicies.LoadAsync(db, tenantId, settings.UndoWindowHours, ct);
        var drafts = new List<LedgerDraft>();
        var proposals = new List<(Trigger Trigger, TriggerFacts Facts, ProposedAction Proposal)>();
        foreach (var trigger in triggers)
        {
            var proposal = facts.TryGetValue(trigger.Id, out var f) ? await engine.ProposeAsync(f, ct) : null;
            var agent = TriggerTypes.Get(trigger.Type).Agent;
            if (proposal is not null && IsValid(proposal, trigger) && Agents.AgentCatalogue.Find(agent)!.Actions.Contains(proposal.Tool)
                && autonomy.Proposes(agent, proposal.Tool) && !pausedActions.Contains((agent, proposal.Tool)))
                proposals.Add((trigger, f!, proposal));
            // The record is gone, nothing sensible to propose, not an action of this agent, or the action is off or paused:
            // the condition is raised again after the cooldown if it still holds.
            else trigger.Close(now);
        }
        await SupersedeEarlierAsync(db, proposals.Select(p => p.Trigger).ToList(), drafts, now, ct);
        var autoApply = new List<(Guid Id, Autonomy.PolicyGrant Grant)>();

        foreach (var (trigger, f, proposal) in proposals)
        {
            var definition = TriggerTypes.Get(trigger.Type);
            var suggestion = new Suggestion(tenantId, trigger.Id, trigger.Type, definition.Agent, proposal.Tool, proposal.Payload,
                trigger.RecordType, trigger.RecordId, f.Record.Version, f.RecordLabel, proposal.Summary, proposal.Reasoning,
                FactsOf(f), proposal.Confidence, proposal.Priority, proposal.Engine, trigger.CorrelationId, now, now.AddDays(settings.SuggestionTtlDays));
            var grant = autonomy.Decide(suggestion, tools.GetMutation(proposal.Tool), now);
            if (grant is not null) autoApply.Add((suggestion.Id, grant));
            // A redaction's record holds what is to be removed: no copy of it is kept with the suggestion.
            suggestion.RecordSnapshot = tools.GetMutation(proposal.Tool).ErasesPersonalData
                ? "{}"
                : CanonicalJson.Serialize(Tools.RecordSnapshot.Of(f.Record).ToDictionary(x => x.Field, x => x.Value));
            if (proposal.Alternative is { } other)
                suggestion.AlternativeAction = CanonicalJson.Serialize(new
                {
                    engine = other.Engine, tool = other.Tool, payload = JsonNode.Parse(other.Payload), summary = other.Summary, reasoning = other.Reasoning,
                });
            db.Suggestions.Add(suggestion);
            drafts.Add(new LedgerDraft(LedgerKinds.TriggerDetected, "agent", null, definition.Agent, "trigger", trigger.Id, trigger.CorrelationId,
                CanonicalJson.Serialize(new { type = trigger.Type, record_type = trigger.RecordType, record_id = trigger.RecordId, detected_at = trigger.DetectedAt, context = JsonNode.Parse(trigger.Context) })));
            drafts.Add(new LedgerDraft(LedgerKinds.SuggestionCreated, "agent", null, proposal.Engine, "suggestion", suggestion.Id, trigger.CorrelationId,
                CanonicalJson.Serialize(new
                {
                    tool = proposal.Tool, payload = JsonNode.Parse(proposal.Payload), confidence = proposal.Confidence,
                    calibrated_confidence = suggestion.CalibratedConfidence, priority = proposal.Priority, reasoning = proposal.Reasoning,
                })));
            metrics.SuggestionCreated(definition.Agent, proposal.Engine);
            logger.LogDebug("Suggestion {SuggestionId} ({Tool}) proposed by {Engine} for trigger {TriggerType} on {RecordType} {RecordId} [{CorrelationId}]",
                suggestion.Id, proposal.Tool, proposal.Engine, trigger.Type, trigger.RecordType, trigger.RecordId, trigger.CorrelationId);
        }
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(db, tenantId, drafts, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await ApplyUnderPoliciesAsync(tenantId, autoApply, ct);
        return proposals.Count;
    }

    /// <summary>
    /// Each suggestion its policy lets act on its own goes through the Safe Apply Engine, one transaction each, under the
    /// policy version read for the whole batch. A refusal (a cap reached, the kill switch engaged meanwhile) leaves it in
    /// the queue for a person.
    /// </summary>
    private async Task ApplyUnderPoliciesAsync(Guid tenantId, List<(Guid Id, Autonomy.PolicyGrant Grant)> autoApply, CancellationToken ct)
    {
        if (autoApply.Count == 0) return;
        var toTeams = new List<Guid>();
        var toAdminsOnly = 0;
        var left = new Dictionary<string, int>();
        // What the policies apply in one run of the agents is one batch: it can be undone as one.
        var batch = Guid.CreateVersion7();
        foreach (var (id, grant) in autoApply)
        {
            var outcome = await safeApply.ApplyUnderPolicyAsync(id, grant, batch, ct);
            if (outcome.Status != Apply.ApplyStatus.Applied)
            {
                logger.LogDebug("{Policy} did not apply suggestion {SuggestionId}: {Reason}", grant.Name, id, outcome.Message);
                left[grant.Name] = left.GetValueOrDefault(grant.Name) + 1;
                continue;
            }
            // Each policy tells the roles it names: the owning team's sales managers (with the Admins), or the Admins alone.
            if (grant.Rules.Notified.Contains(Tenancy.Roles.SalesManager)) toTeams.Add(id);
            else if (grant.Rules.Notified.Contains(Tenancy.Roles.Admin)) toAdminsOnly++;
        }
        foreach (var (policy, count) in left)
            logger.LogInformation("{Policy} left {Count} suggestions for people (a cap, a changed record or the kill switch)", policy, count);
        if (toTeams.Count + toAdminsOnly == 0) return;
        await using var db = await dbFactory.OpenAsync(ct);
        var now = clock.GetUtcNow();
        if (toTeams.Count > 0)
            foreach (var team in await db.Database.SqlQuery<TeamCount>(
                         $"SELECT record_owner_team(tenant_id, record_type, record_id) AS team, count(*)::int AS count FROM suggestions WHERE id = ANY({toTeams.ToArray()}) GROUP BY 1").ToListAsync(ct))
                await Alerts.AlertNotifier.NotifyAsync(db, new Alerts.Alert(Alerts.AlertKinds.AutoApplied, tenantId, Team: team.Team, Count: team.Count, At: now), ct);
        if (toAdminsOnly > 0)
            await Alerts.AlertNotifier.NotifyAsync(db, new Alerts.Alert(Alerts.AlertKinds.AutoApplied, tenantId, Team: Alerts.AlertAudience.AdminsOnly,
                Count: toAdminsOnly, At: now), ct);
    }

    private sealed record TeamCount(string? Team, int Count);

    /// <summary>An engine's proposal must name a mutation tool and fit its schema; anything else is dropped and logged.</summary>
    private bool IsValid(ProposedAction proposal, Trigger trigger)
    {
        try
        {
            var tool = tools.GetMutation(proposal.Tool);
            var errors = tool.Schema.Validate(proposal.Payload);
            if (errors.Count == 0 && proposal.Confidence is >= 0 and <= 1) return true;
            logger.LogWarning("Proposal for trigger {TriggerId} does not fit {Tool}'s schema: {Errors} [{CorrelationId}]",
                trigger.Id, proposal.Tool, string.Join("; ", ToolPayloads.Describe(errors).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), trigger.CorrelationId);
        }
        catch (Exception e) when (e is Common.InputInvalid or JsonException or Newtonsoft.Json.JsonException)
        {
            logger.LogWarning("Proposal for trigger {TriggerId} is unusable: {Error} [{CorrelationId}]", trigger.Id, e.Message, trigger.CorrelationId);
        }
        metrics.ProposalDropped(trigger.Type);
        return false;
    }

    /// <summary>A new proposal replaces a pending one for the same condition on the same record (one query for the batch).</summary>
    private static async Task SupersedeEarlierAsync(ICrmDb db, List<Trigger> next, List<LedgerDraft> drafts, DateTimeOffset now, CancellationToken ct)
    {
        var recordIds = next.Select(t => t.RecordId).Distinct().ToList();
        var keys = next.Select(t => (t.Type, t.RecordType, t.RecordId)).ToHashSet();
        var earlier = (await db.Suggestions.Where(s => s.Status == SuggestionStatus.Pending && recordIds.Contains(s.RecordId)).ToListAsync(ct))
            .Where(s => keys.Contains((s.TriggerType, s.RecordType, s.RecordId))).ToList();
        foreach (var s in earlier)
        {
            s.Supersede(now);
            drafts.Add(new LedgerDraft(LedgerKinds.SuggestionSuperseded, "system", null, "suggestion pipeline", "suggestion", s.Id, s.CorrelationId,
                CanonicalJson.Serialize(new { reason = "a newer proposal for the same condition" })));
        }
        // Saved before the new ones are added: the partial unique index admits them only after this.
        await db.SaveChangesAsync(ct);
    }

    private static string FactsOf(TriggerFacts f)
    {
        var facts = (JsonObject)f.Context.DeepClone();
        facts["record"] = f.RecordLabel;
        facts["owner"] = f.OwnerName;
        if (f.LastTouch is { } touch)
            facts["last_touch"] = new JsonObject { ["type"] = touch.Type.ToString(), ["subject"] = touch.Subject, ["at"] = touch.At, ["by"] = touch.ByName };
        return CanonicalJson.Normalize(facts.ToJsonString());
    }
}
