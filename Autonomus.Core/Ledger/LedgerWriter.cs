using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Ledger;

/// <summary>
/// Appends entries to a tenant's chain inside the caller's transaction, so an entry exists exactly when the
/// change it records does. A per-tenant advisory lock, held until commit, keeps two writers from both
/// linking to the same predecessor.
/// </summary>
public sealed class LedgerWriter(TimeProvider clock)
{
    private sealed record LedgerHead(long Sequence, byte[] Hash);

    public async Task AppendAsync(ICrmDb db, Guid tenantId, IReadOnlyList<LedgerDraft> drafts, CancellationToken ct)
    {
        if (drafts.Count == 0) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Ledger entries are appended inside the transaction of the change they record.");
        // One round trip: ledger_lock_head takes the tenant's advisory lock, then reads the head in a statement of its
        // own, whose snapshot is taken after the lock (so it sees the previous holder's committed entries).
        var head = (await db.Database.SqlQuery<LedgerHead>($"SELECT sequence AS \"Sequence\", hash AS \"Hash\" FROM ledger_lock_head({tenantId})")
            .ToListAsync(ct)).SingleOrDefault();
        var (sequence, previous) = head is null ? (0L, LedgerHashing.Genesis) : (head.Sequence, head.Hash);
        // Entries appended earlier in this unit of work and not saved yet come after the saved head.
        if (db.LedgerEntries.Local.Where(e => e.TenantId == tenantId).MaxBy(e => e.Sequence) is { } pending && pending.Sequence > sequence)
            (sequence, previous) = (pending.Sequence, pending.Hash);
        var at = clock.GetUtcNow();
        foreach (var draft in drafts)
        {
            var entry = new LedgerEntry(tenantId, ++sequence, draft, at, previous);
            db.LedgerEntries.Add(entry);
            previous = entry.Hash;
        }
    }
}
