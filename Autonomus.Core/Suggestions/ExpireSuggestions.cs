using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Telemetry;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Suggestions;

/// <summary>Retires the current tenant's pending suggestions past their expiry, a batch per transaction, each with its ledger entry.</summary>
public sealed class ExpireSuggestions(ICrmDbFactory dbFactory, ITenantContext tenant, LedgerWriter ledger, AutonomyMetrics metrics, TimeProvider clock)
{
    public async Task<int> HandleAsync(int max = 500, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Suggestions expire one tenant at a time.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Suggestions
            .FromSql($"SELECT * FROM suggestions WHERE (status = 'Pending' OR (status = 'Approved' AND conflict IS NOT NULL)) AND expires_at <= {now} ORDER BY expires_at LIMIT {max} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (due.Count == 0) return 0;
        var triggerIds = due.Select(s => s.TriggerId).ToList();
        var triggers = await db.Triggers.Where(t => triggerIds.Contains(t.Id)).ToListAsync(ct);
        var who = LedgerActor.System("expiry job");
        foreach (var s in due) s.Expire(now);
        foreach (var t in triggers) t.Close(now);
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(db, tenantId, due.Select(s => Apply.SafeApplyEngine.Draft(LedgerKinds.SuggestionExpired, who, s, new { expires_at = s.ExpiresAt })).ToList(), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        metrics.SuggestionResolved(nameof(SuggestionStatus.Expired), due.Count);
        return due.Count;
    }
}
