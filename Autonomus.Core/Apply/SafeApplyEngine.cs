using System.Diagnostics;
using System.Text.Json.Nodes;
using Autonomus.Core.Agents;
using Autonomus.Core.Authorization;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Telemetry;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Apply;

/// <summary>
/// Approves and applies a suggestion in ONE transaction: lock the suggestion, re-check state, kill switch,
/// reviewer, payload and record version, run the tool, append the ledger, mark it applied. The row lock makes
/// it idempotent: a second call waits for the first and returns its result. A refusal changes nothing; an
/// exception while running rolls everything back and records only the failure.
/// </summary>
public sealed class SafeApplyEngine(
    ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, ToolCatalogue tools, LedgerWriter ledger,
    AutonomyMetrics metrics, TimeProvider clock, ILogger<SafeApplyEngine> logger)
{
    public Task<ApplyOutcome> ApproveAsync(ApprovalRequest request, CancellationToken ct = default) => ApplyAsync(request, null, ct);

    /// <summary>
    /// Applies a pending suggestion in a person's place, under <paramref name="grant"/>: the same transaction and checks
    /// as a person's approval, plus the policy's caps; the ledger names the policy and its version.
    /// </summary>
    public Task<ApplyOutcome> ApplyUnderPolicyAsync(Guid suggestionId, PolicyGrant grant, Guid? batchId = null, CancellationToken ct = default) =>
        ApplyAsync(new ApprovalRequest(suggestionId, BatchId: batchId), grant, ct);

    private async Task<ApplyOutcome> ApplyAsync(ApprovalRequest request, PolicyGrant? grant, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        string tool = "";
        try
        {
            await using var db = await dbFactory.OpenAsync(ct);
            // One transaction, no savepoints, one SaveChanges: an apply is a handful of round trips and one commit.
            db.Database.AutoSavepointsEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var s = await LockUnlessKilledAsync(db, request.SuggestionId, grant, clock.GetUtcNow(), ct);
            tool = s.Tool;
            if (s.Status == SuggestionStatus.Applied)
                return new(s.Id, ApplyStatus.AlreadyApplied, "Already applied; nothing ran again.", s.ApplyResult);
            if (s.Status == SuggestionStatus.Failed)
                return new(s.Id, ApplyStatus.Failed, $"This suggestion already failed to apply: {s.ApplyResult}", s.ApplyResult);
            var now = clock.GetUtcNow();
            if (s.WhyNotApprovable(now) is { } why) return Refused(s.Id, why);

            // A policy acts as the organisation's own machinery, allowed exactly its one action; a person within their rights.
            var (principal, rights) = grant is null ? (actor, access) : PolicyPrincipal(s.TenantId);
            if (grant is null)
            {
                access.EnsureCanReview();
                if (!access.SeesWholeTenant && !await access.CanSeeAsync(db, s.RecordType, s.RecordId, ct))
                    throw new RecordNotFound(s.RecordType.ToString(), s.RecordId);
            }
            else
            {
                if (s.Status != SuggestionStatus.Pending || s.Tool != grant.Action || s.Agent != grant.Agent)
                    return Refused(s.Id, $"{grant.Name} does not apply this suggestion.");
                if (await grant.ExceededRecordCapAsync(db, s, now, ct) is { } cap) return Refused(s.Id, $"Left for a person: {cap}.");
            }
            rights.EnsureMayRun(tools.GetMutation(s.Tool));

            var edited = request.EditedPayload is { } e && CanonicalJson.Normalize(e) != CanonicalJson.Normalize(s.EffectivePayload) ? e : null;
            if (edited is not null) ActionTarget.EnsureUnchanged(s.EffectivePayload, edited);
            var payload = edited ?? s.EffectivePayload;
            ToolPlan plan;
            try
            {
                plan = await tools.PlanForApplyAsync(new ToolContext(db, rights, principal, clock) { Cause = new ApplyCause(s.TriggerId, s.CorrelationId) },
                    s.Tool, payload, ct);
            }
            catch (StaleRecord)
            {
                // Another record the action depends on (a merge's stayer) moved on since the proposal: a conflict, as for its own record.
                await tx.RollbackAsync(CancellationToken.None);
                if (grant is not null) return Refused(s.Id, "Left for a person: a record it depends on changed since the proposal.");
                return await RecordConflictAsync(request, grant, edited, CancellationToken.None);
            }

            var who = grant?.Actor ?? await LedgerActor.OfAsync(db, actor, "safe apply", ct);
            var drafts = new List<LedgerDraft>();
            if (edited is not null)
                drafts.Add(Draft(LedgerKinds.SuggestionEdited, who, s, new { original = JsonNode.Parse(s.EffectivePayload), edited = JsonNode.Parse(edited) }));
            // The plan has just loaded the target; when that is the suggestion's record, its version is at hand.
            var current = plan.TargetRef == new RecordRef(s.RecordType, s.RecordId)
                ? plan.TargetVersion
                : await RecordLookup.VersionAsync(db, s.RecordType, s.RecordId, ct) ?? throw new RecordNotFound(s.RecordType.ToString(), s.RecordId);
            if (request.AcceptCurrentRecord) s.AcceptRecordVersion(current, now);
            if (grant is null)
            {
                s.Approve(who.Id ?? Guid.Empty, edited, Text.Blank(request.Note), now);
                drafts.Add(Draft(LedgerKinds.SuggestionApproved, who, s, new { tool = s.Tool, payload = JsonNode.Parse(payload), note = s.ReviewNote }));
            }
            else
            {
                s.ApproveByPolicy(grant.Name, grant.Version, grant.UndoWindow is { } window ? now + window : null, now);
                drafts.Add(Draft(LedgerKinds.SuggestionApproved, who, s, new
                {
                    tool = s.Tool, payload = JsonNode.Parse(payload), policy = grant.Name, policy_version = grant.Version,
                    confidence = s.Confidence, calibrated_confidence = s.CalibratedConfidence, undo_until = s.UndoUntil,
                }));
            }

            if (current != s.RecordVersion && grant is not null)
            {
                // A policy does not resolve conflicts: the suggestion stays pending for a person, nothing is written.
                await tx.RollbackAsync(CancellationToken.None);
                return Refused(s.Id, "Left for a person: the record changed since the proposal.");
            }
            if (current != s.RecordVersion)
            {
                var conflict = $"The {s.RecordType.ToString().ToLowerInvariant()} changed since this was proposed (version {s.RecordVersion} → {current}). Review the changes and approve again.";
                s.MarkConflict(conflict, now);
                drafts.Add(Draft(LedgerKinds.ApplyConflict, who, s, new { proposed_version = s.RecordVersion, current_version = current }));
                await ledger.AppendAsync(db, s.TenantId, drafts, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new(s.Id, ApplyStatus.Conflict, conflict);
            }

            string resultJson;
            ToolResult result;
            try
            {
                // The records' change events name the policy that acts (a person's approval is the connection's own actor),
                // the suggestion as their cause and its correlation id.
                await History.ChangeContext.SetAsync(db, grant?.Name, $"suggestion:{s.Id}", s.CorrelationId, request.BatchId, ct);
                result = await RunAsync(db, plan, ct);
                resultJson = CanonicalJson.Serialize(result);
                s.MarkApplied(resultJson, now);
                CloseTrigger(db, s, now);
                drafts.Add(Draft(LedgerKinds.ActionApplied, who, s, new { result = JsonNode.Parse(resultJson), policy_version = grant?.Version }));
                await ledger.AppendAsync(db, s.TenantId, drafts, ct);
                await db.SaveChangesAsync(ct);
            }
            catch (StaleRecord)
            {
                // The record changed between the version check and the save: the same answer as a changed version.
                await tx.RollbackAsync(CancellationToken.None);
                if (grant is not null) return Refused(s.Id, "Left for a person: the record changed while it was being applied.");
                return await RecordConflictAsync(request, grant, edited, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await tx.RollbackAsync(CancellationToken.None);
                return await RecordFailureAsync(request, grant, edited, ex, CancellationToken.None);
            }
            await tx.CommitAsync(ct);
            metrics.SuggestionResolved(nameof(SuggestionStatus.Applied));
            logger.LogInformation("Suggestion {SuggestionId} applied ({Tool}) by {Approver} [{CorrelationId}]", s.Id, s.Tool, grant?.Name ?? actor.UserId?.ToString(), s.CorrelationId);
            return new(s.Id, ApplyStatus.Applied, result.Summary, resultJson);
        }
        catch (InputInvalid ex) { return Refused(request.SuggestionId, ex.Message, ex.Errors); }
        catch (DomainRuleViolation ex) { return Refused(request.SuggestionId, ex.Message); }
        catch (AccessDenied ex) { return Refused(request.SuggestionId, ex.Message); }
        catch (RecordNotFound ex) { return Refused(request.SuggestionId, ex.Message); }
        catch (System.Text.Json.JsonException) { return Refused(request.SuggestionId, "The edited payload is not valid JSON."); }
        finally
        {
            metrics.ApplyDuration(tool, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>The tool's change in memory plus its in-transaction work (domain events); the caller saves it all at once.</summary>
    private static async Task<ToolResult> RunAsync(ICrmDb db, ToolPlan plan, CancellationToken ct)
    {
        var (created, fields) = Previews.ExecuteAndCompare(plan);
        foreach (var work in plan.TransactionWork) await work(db, ct);
        var target = plan.TargetRef.Type.ToString();
        var changes = fields.Where(c => c.Record == target && c.Changed).ToList();
        // What a redaction removed is not written into the result (nor so onto the ledger).
        if (plan.ErasesPersonalData) changes = [.. changes.Select(c => c with { Before = "[redacted]" })];
        // The data layer adds one to the version of a record it updates; an unchanged target keeps its version.
        return new ToolResult(plan.Tool, plan.TargetRef, plan.Summary, created is null ? null : new RecordRef(TargetRecords.TypeOf(created), created.Id), changes,
            changes.Count > 0 ? plan.TargetVersion + 1 : plan.TargetVersion);
    }

    /// <summary>After a rollback: a fresh transaction records the failure and nothing else.</summary>
    private async Task<ApplyOutcome> RecordFailureAsync(ApprovalRequest request, PolicyGrant? grant, string? edited, Exception error, CancellationToken ct)
    {
        logger.LogError(error, "Applying suggestion {SuggestionId} failed", request.SuggestionId);
        var message = $"{error.GetType().Name}: {error.Message}";
        Suggestion? failed = null;
        var outcome = await RecordAfterRollbackAsync(request, grant, edited, ApplyStatus.Failed, (db, s, who, now) =>
        {
            s.MarkFailed(message, now);
            // The condition is left to the detectors: closing the trigger lets it be raised again after the cooldown.
            CloseTrigger(db, s, now);
            failed = s;
            return (Draft(LedgerKinds.ActionFailed, who, s, new { error = message }),
                new ApplyOutcome(s.Id, ApplyStatus.Failed, $"The action failed and nothing was changed: {error.Message}", message));
        }, ct);
        if (failed is not null)
        {
            metrics.ApplyFailed(failed.Tool);
            metrics.SuggestionResolved(nameof(SuggestionStatus.Failed));
            logger.LogWarning("Suggestion {SuggestionId} marked failed [{CorrelationId}]", failed.Id, failed.CorrelationId);
        }
        return outcome;
    }

    /// <summary>After a rollback: a fresh transaction records the conflict and nothing else.</summary>
    private Task<ApplyOutcome> RecordConflictAsync(ApprovalRequest request, PolicyGrant? grant, string? edited, CancellationToken ct) =>
        RecordAfterRollbackAsync(request, grant, edited, ApplyStatus.Refused, (_, s, who, now) =>
        {
            var conflict = $"The {s.RecordType.ToString().ToLowerInvariant()} changed while this was being applied. Review the changes and approve again.";
            s.MarkConflict(conflict, now);
            return (Draft(LedgerKinds.ApplyConflict, who, s, new { during_apply = true }), new ApplyOutcome(s.Id, ApplyStatus.Conflict, conflict));
        }, ct);

    /// <summary>
    /// The shared shape of both: lock the suggestion again; if it is still open, approve it (when it was pending), let
    /// <paramref name="record"/> mark it and name its ledger entry, and commit that alone.
    /// </summary>
    private async Task<ApplyOutcome> RecordAfterRollbackAsync(ApprovalRequest request, PolicyGrant? grant, string? edited, ApplyStatus whenClosed,
        Func<ICrmDb, Suggestion, LedgerActor, DateTimeOffset, (LedgerDraft Entry, ApplyOutcome Outcome)> record, CancellationToken ct)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var s = await LockAsync(db, request.SuggestionId, ct);
        if (s.Status is not (SuggestionStatus.Pending or SuggestionStatus.Approved))
            return new(s.Id, s.Status == SuggestionStatus.Applied ? ApplyStatus.AlreadyApplied : whenClosed, $"Not applied: {s.Status}.", s.ApplyResult);
        var now = clock.GetUtcNow();
        var who = grant?.Actor ?? await LedgerActor.OfAsync(db, actor, "safe apply", ct);
        if (s.Status == SuggestionStatus.Pending && grant is not null)
            s.ApproveByPolicy(grant.Name, grant.Version, grant.UndoWindow is { } window ? now + window : null, now);
        else if (s.Status == SuggestionStatus.Pending) s.Approve(who.Id ?? Guid.Empty, edited, Text.Blank(request.Note), now);
        var (entry, outcome) = record(db, s, who, now);
        await ledger.AppendAsync(db, s.TenantId, [entry], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    /// <summary>The organisation's own machinery: no person, no key, no roles (what a policy acts as).</summary>
    private static (ITenantContext, RecordAccess) PolicyPrincipal(Guid tenantId)
    {
        var system = new FixedTenantContext(tenantId);
        return (system, new RecordAccess(system));
    }

    internal static async Task<Suggestion> LockAsync(ICrmDb db, Guid id, CancellationToken ct) =>
        await db.Suggestions.FromSql($"SELECT * FROM suggestions WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct)
        ?? throw new RecordNotFound("Suggestion", id);

    /// <summary>Closes the suggestion's trigger with the next save, without loading it (a stub: one UPDATE in the batch).</summary>
    internal static void CloseTrigger(ICrmDb db, Suggestion s, DateTimeOffset now)
    {
        var trigger = db.Triggers.Local.FirstOrDefault(t => t.Id == s.TriggerId);
        if (trigger is null)
        {
            trigger = Triggers.Trigger.Reference(s.TriggerId, s.TenantId);
            db.Triggers.Attach(trigger);
        }
        trigger.Close(now);
    }

    /// <summary>
    /// Locks the suggestion for this apply, unless the tenant's kill switch is engaged: the switch is read in the same
    /// statement, inside the transaction, so an apply never runs once the switch is seen engaged; the same for a pause of the
    /// suggestion's agent. Under a policy with caps
    /// per hour or per day, the same statement advances the action's usage row only while under its caps (the UPDATE waits
    /// for the row and re-checks it as the previous applier committed it, so concurrent appliers on any node take turns
    /// and never pass a cap) and returns the suggestion only if it did: no extra round trip. A refusal or a rollback undoes
    /// the count with the rest.
    /// </summary>
    private static async Task<Suggestion> LockUnlessKilledAsync(ICrmDb db, Guid id, PolicyGrant? grant, DateTimeOffset now, CancellationToken ct)
    {
        Suggestion? s;
        if (grant is { HasCaps: true })
        {
            var (hour, day) = grant.WindowsAt(now);
            var (perHour, perDay) = (grant.Rules.MaxPerHour ?? int.MaxValue, grant.Rules.MaxPerDay ?? int.MaxValue);
            // Not composed by EF (no tenant filter wrapped around it: a data-modifying WITH must stay at the top level);
            // row-level security keeps both tables to this organisation's rows.
            s = (await db.Suggestions.FromSql($"""
                WITH used AS (
                    UPDATE autonomy_policy_usage u
                    SET hour_count = CASE WHEN u.hour_start = {hour} THEN u.hour_count + 1 ELSE 1 END, hour_start = {hour},
                        day_count = CASE WHEN u.day = {day} THEN u.day_count + 1 ELSE 1 END, day = {day}
                    WHERE u.agent = {grant.Agent} AND u.action = {grant.Action}
                      AND (CASE WHEN u.hour_start = {hour} THEN u.hour_count ELSE 0 END) < {perHour}
                      AND (CASE WHEN u.day = {day} THEN u.day_count ELSE 0 END) < {perDay}
                    RETURNING u.tenant_id)
                SELECT s.* FROM suggestions s
                JOIN used ON used.tenant_id = s.tenant_id
                WHERE s.id = {id}
                  AND NOT EXISTS (SELECT 1 FROM autonomy_settings a WHERE a.tenant_id = s.tenant_id AND a.kill_switch_engaged)
                  AND NOT EXISTS (SELECT 1 FROM agent_pauses p WHERE p.tenant_id = s.tenant_id AND p.agent = s.agent AND p.action IN ('', s.tool))
                FOR UPDATE OF s
                """).IgnoreQueryFilters().ToListAsync(ct)).SingleOrDefault();
            if (s is null && !await KilledAsync(db, ct) && await PausedAsync(db, id, ct) is null && await db.Suggestions.AnyAsync(x => x.Id == id, ct))
                throw new DomainRuleViolation($"Left for a person: {await grant.ReachedWindowCapAsync(db, now, ct)}.");
        }
        else
        {
            s = await db.Suggestions.FromSql($"""
                SELECT s.* FROM suggestions s
                WHERE s.id = {id}
                  AND NOT EXISTS (SELECT 1 FROM autonomy_settings a WHERE a.tenant_id = s.tenant_id AND a.kill_switch_engaged)
                  AND NOT EXISTS (SELECT 1 FROM agent_pauses p WHERE p.tenant_id = s.tenant_id AND p.agent = s.agent AND p.action IN ('', s.tool))
                FOR UPDATE OF s
                """).SingleOrDefaultAsync(ct);
        }
        if (s is not null) return s;
        var killed = await db.AutonomySettings.Where(a => a.KillSwitchEngaged).Select(a => a.KillSwitchReason).ToListAsync(ct);
        if (killed.Count > 0) throw KillSwitch.Refusal(killed[0]);
        if (await PausedAsync(db, id, ct) is { } pause)
            throw new DomainRuleViolation(pause.IsWholeAgent ? $"The {pause.Agent} agent is paused: {pause.Reason}" : $"The {pause.Agent} agent's {pause.Action} is paused: {pause.Reason}");
        throw new RecordNotFound("Suggestion", id);
    }

    private static Task<bool> KilledAsync(ICrmDb db, CancellationToken ct) => db.AutonomySettings.AnyAsync(a => a.KillSwitchEngaged, ct);

    /// <summary>The pause of the suggestion's agent or action, if either is paused (read only after the lock statement refused).</summary>
    private static Task<AgentPause?> PausedAsync(ICrmDb db, Guid id, CancellationToken ct) =>
        db.AgentPauses.OrderBy(p => p.Action).FirstOrDefaultAsync(p => db.Suggestions.Any(x => x.Id == id && x.Agent == p.Agent && (p.Action == "" || p.Action == x.Tool)), ct);

    internal static LedgerDraft Draft(string kind, LedgerActor who, Suggestion s, object data) =>
        new(kind, who.Type, who.Id, who.Name, "suggestion", s.Id, s.CorrelationId, CanonicalJson.Serialize(data));

    private ApplyOutcome Refused(Guid id, string message, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        logger.LogInformation("Approval of suggestion {SuggestionId} refused: {Reason}", id, message);
        return new(id, ApplyStatus.Refused, message, null, errors);
    }
}
