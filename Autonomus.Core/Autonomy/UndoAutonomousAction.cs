using Autonomus.Core.Apply;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// A person undoes what a policy applied, within its window: the inverse change goes through the same path as an apply
/// (one transaction, the suggestion locked, the person's own rights on the record, the ledger), and counts against the action.
/// If the record moved on since, nothing is written and the answer is a conflict with what differs. An undo is final.
/// </summary>
public sealed class UndoAutonomousAction(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, LedgerWriter ledger,
    EarnedAutonomy earned, TimeProvider clock, ILogger<UndoAutonomousAction> logger)
{
    public async Task<ApplyOutcome> UndoAsync(Guid id, string? note, CancellationToken ct = default)
    {
        try
        {
            access.EnsureCanReview();
            if (actor.UserId is null) throw new AccessDenied("A person undoes; an API key cannot.");
            ApplyOutcome outcome;
            await using (var db = await dbFactory.OpenAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var s = await SafeApplyEngine.LockAsync(db, id, ct);
                if (!await access.CanSeeAsync(db, s.RecordType, s.RecordId, ct)) throw new RecordNotFound("Suggestion", id);
                var now = clock.GetUtcNow();
                if (s.WhyNotUndoable(now) is { } why) return new(id, ApplyStatus.Refused, why);

                var applied = System.Text.Json.JsonSerializer.Deserialize<ToolResult>(s.ApplyResult!, CanonicalJson.Options)!;
                var inverse = await InverseChange.PlanAsync(db, applied, now, ct);
                if (inverse.IsConflict)
                    return new(id, ApplyStatus.Conflict, "The record changed since it was done; nothing was undone. Change it by hand if it still needs to.",
                        CanonicalJson.Serialize(inverse.Moved));
                await access.EnsureCanChangeAsync(db, inverse.Target, ct);
                inverse.Execute();

                var who = await LedgerActor.OfAsync(db, actor, "undo", ct);
                s.MarkUndone(who.Id!.Value, Text.Blank(note), now);
                await ledger.AppendAsync(db, s.TenantId,
                [
                    SafeApplyEngine.Draft(LedgerKinds.ActionUndone, who, s, new
                    {
                        policy = s.AppliedByPolicy, policy_version = s.PolicyVersion, restored = inverse.Restored, removed = inverse.Removed, note = s.ReviewNote,
                    }),
                ], ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                logger.LogInformation("Suggestion {SuggestionId} ({Tool}, {Policy}) undone by {UserId} [{CorrelationId}]", s.Id, s.Tool, s.AppliedByPolicy, actor.UserId, s.CorrelationId);
                outcome = new(id, ApplyStatus.Applied, "Undone: the record is back as it was.");
            }
            // An undo is a negative signal: enough of them demote the action now, not at the next evaluation (which would
            // also do it: a failure here is logged, the undo stands).
            try { await earned.EvaluateAsync(ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Evaluating autonomy after undoing suggestion {SuggestionId} failed; the next run evaluates it", id);
            }
            return outcome;
        }
        catch (StaleRecord)
        {
            return new(id, ApplyStatus.Conflict, "The record changed while undoing; nothing was undone.");
        }
        catch (Exception e) when (e is DomainRuleViolation or AccessDenied or RecordNotFound)
        {
            return new(id, ApplyStatus.Refused, e.Message);
        }
    }
}
