using Autonomus.Core.Apply;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Telemetry;
using Autonomus.Core.Tenancy;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Suggestions;

/// <summary>The reviewer's other two answers: reject (with a reason) and defer (look again later).</summary>
public sealed class ReviewSuggestion(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, LedgerWriter ledger,
    AutonomyMetrics metrics, TimeProvider clock, ILogger<ReviewSuggestion> logger)
{
    public Task<ApplyOutcome> RejectAsync(Guid id, string reason, CancellationToken ct = default) =>
        DecideAsync(id, LedgerKinds.SuggestionRejected, (s, who, now) =>
        {
            s.Reject(who.Id ?? Guid.Empty, reason, now);
            return new { reason = s.ReviewNote };
        }, "Rejected.", ct);

    public Task<ApplyOutcome> DeferAsync(Guid id, DateTimeOffset until, CancellationToken ct = default) =>
        DecideAsync(id, LedgerKinds.SuggestionDeferred, (s, _, now) =>
        {
            s.Defer(until, now);
            return new { until };
        }, $"Deferred until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.", ct);

    private async Task<ApplyOutcome> DecideAsync(Guid id, string kind, Func<Suggestion, LedgerActor, DateTimeOffset, object> decide, string done, CancellationToken ct)
    {
        try
        {
            access.EnsureCanReview();
            await using var db = await dbFactory.OpenAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var s = await SafeApplyEngine.LockAsync(db, id, ct);
            if (!await access.CanSeeAsync(db, s.RecordType, s.RecordId, ct)) throw new RecordNotFound("Suggestion", id);
            var now = clock.GetUtcNow();
            var who = await LedgerActor.OfAsync(db, actor, "review", ct);
            var data = decide(s, who, now);
            if (s.Status == SuggestionStatus.Rejected) SafeApplyEngine.CloseTrigger(db, s, now);
            await ledger.AppendAsync(db, s.TenantId, [SafeApplyEngine.Draft(kind, who, s, data)], ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (s.Status == SuggestionStatus.Rejected) metrics.SuggestionResolved(nameof(SuggestionStatus.Rejected));
            logger.LogInformation("Suggestion {SuggestionId}: {Decision} by {UserId} [{CorrelationId}]", s.Id, kind, actor.UserId, s.CorrelationId);
            return new(id, ApplyStatus.Recorded, done);
        }
        catch (Exception e) when (e is DomainRuleViolation or AccessDenied or RecordNotFound)
        {
            return new(id, ApplyStatus.Refused, e.Message);
        }
    }
}
