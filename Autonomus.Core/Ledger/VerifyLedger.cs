using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Ledger;

public sealed record LedgerVerification(bool Intact, long EntriesChecked, long? BrokenAtSequence, string Message);

public sealed record LedgerVerifyProgress(long Checked, long Total);

/// <summary>
/// Walks a tenant's chain from the first entry and names the first one that does not hold: a gap in the
/// sequence (an entry deleted), a link to the wrong predecessor, or a hash that no longer matches its content
/// (an entry altered, or two entries swapped).
/// The outcome is kept on the tenant's settings, for the health panel's "last verified".
/// </summary>
public sealed class VerifyLedger(ICrmDbFactory dbFactory, ITenantContext tenant, TimeProvider clock)
{
    private const int Batch = 2000;

    public async Task<LedgerVerification> HandleAsync(IProgress<LedgerVerifyProgress>? progress = null, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("No tenant.");
        await using var db = await dbFactory.OpenAsync(ct);
        var result = await WalkAsync(db, tenantId, progress, ct);
        await RecordAsync(tenantId, result, ct);
        return result;
    }

    /// <summary>Notes the outcome on the tenant's settings (bookkeeping only: nothing the tenant sees changes).</summary>
    private async Task RecordAsync(Guid tenantId, LedgerVerification result, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.OpenAsync(ct);
            var settings = await db.AutonomySettings.SingleOrDefaultAsync(s => s.TenantId == tenantId, ct);
            var creating = settings is null;
            if (creating) db.AutonomySettings.Add(settings = new Policies.AutonomySettings(tenantId));
            settings!.RecordLedgerVerification(result.Intact, result.EntriesChecked, clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            // Two verifications of a tenant without settings both created the row: the second updates it instead.
            catch (DbUpdateException) when (creating && attempt == 1) { }
        }
    }

    private static async Task<LedgerVerification> WalkAsync(ICrmDb db, Guid tenantId, IProgress<LedgerVerifyProgress>? progress, CancellationToken ct)
    {
        var total = await db.LedgerEntries.LongCountAsync(e => e.TenantId == tenantId, ct);
        var expected = 1L;
        var previous = LedgerHashing.Genesis;
        while (true)
        {
            var from = expected;
            var batch = await db.LedgerEntries.AsNoTracking().Where(e => e.TenantId == tenantId && e.Sequence >= from)
                .OrderBy(e => e.Sequence).Take(Batch).ToListAsync(ct);
            foreach (var e in batch)
            {
                if (e.Sequence != expected)
                    return Broken(expected - 1, expected, $"Entry {expected} is missing: the chain jumps from {expected - 1} to {e.Sequence}.");
                if (!e.PreviousHash.AsSpan().SequenceEqual(previous))
                    return Broken(expected - 1, e.Sequence, $"Entry {e.Sequence} does not link to entry {e.Sequence - 1}: the chain was cut or reordered.");
                if (!LedgerHashing.Hash(e).AsSpan().SequenceEqual(e.Hash))
                    return Broken(expected - 1, e.Sequence, $"Entry {e.Sequence} ({e.Kind}) was altered: its content no longer matches its hash.");
                previous = e.Hash;
                expected++;
            }
            progress?.Report(new LedgerVerifyProgress(expected - 1, total));
            if (batch.Count < Batch) break;
        }
        // Cutting entries off the end leaves a valid, shorter chain: the head's hash, noted down by an auditor, is what shows that.
        return new LedgerVerification(true, expected - 1, null,
            $"All {expected - 1:N0} entries verified; the chain is intact. Head: #{expected - 1}, hash {Convert.ToHexStringLower(previous)[..16]}…");
    }

    private static LedgerVerification Broken(long checkedCount, long at, string message) => new(false, checkedCount, at, message);
}
