using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Ledger;

public sealed record LedgerVerification(bool Intact, long EntriesChecked, long? BrokenAtSequence, string Message);

public sealed record LedgerVerifyProgress(long Checked, long Total);

/// <summary>
/// Walks a tenant's chain from the first entry and names the first one that does not hold: a gap in the
/// sequence (an entry deleted), a link to the wrong predecessor, a hash that no longer matches its content
/// (an entry altered, or two entries swapped), or an entry whose authentication code does not verify (appended by
/// someone holding the database's credentials but not the app's key). Then the chain is held against the latest
/// signed checkpoint (or one an auditor kept): a chain that ends before it was cut off.
/// An intact chain gets a new checkpoint at its head. The outcome is kept on the tenant's settings, for the health
/// panel's "last verified".
/// </summary>
public sealed class VerifyLedger(ICrmDbFactory dbFactory, ITenantContext tenant, LedgerKeyRing keys, TimeProvider clock)
{
    private const int Batch = 2000;

    public async Task<LedgerVerification> HandleAsync(IProgress<LedgerVerifyProgress>? progress = null, CancellationToken ct = default) =>
        await HandleAsync(kept: null, progress, ct);

    /// <summary>Verifies, also against <paramref name="kept"/>: a checkpoint kept outside the system.</summary>
    public async Task<LedgerVerification> HandleAsync(SignedCheckpoint? kept, IProgress<LedgerVerifyProgress>? progress = null, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("No tenant.");
        await using var db = await dbFactory.OpenAsync(ct);
        var result = await WalkAsync(db, tenantId, progress, ct);
        if (result.Intact)
        {
            var latest = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(ct);
            result = await HoldAgainstAsync(db, result, latest, "the latest stored checkpoint", ct);
            if (result.Intact && kept is not null)
                result = kept.TenantId != tenantId
                    ? new LedgerVerification(false, result.EntriesChecked, null, "That checkpoint is of another organisation.")
                    : await HoldAgainstAsync(db, result, LedgerCheckpoint.FromSigned(kept) ?? Unreadable, "the checkpoint you kept", ct);
            if (result.Intact && result.EntriesChecked > (latest?.Sequence ?? 0)) await CheckpointAsync(tenantId, result.EntriesChecked, ct);
        }
        await RecordAsync(tenantId, result, ct);
        return result;
    }

    /// <summary>
    /// The newest checkpoint, after a verification that takes one at the head if the chain is intact. No checkpoint
    /// when the chain is broken (a checkpoint must never bless it) or has no entries yet.
    /// </summary>
    public async Task<(LedgerVerification Verification, SignedCheckpoint? Checkpoint)> LatestCheckpointAsync(CancellationToken ct = default)
    {
        var verification = await HandleAsync(ct: ct);
        if (!verification.Intact) return (verification, null);
        await using var db = await dbFactory.OpenAsync(ct);
        return (verification, (await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(ct))?.ToSigned());
    }

    private static readonly LedgerCheckpoint Unreadable = LedgerCheckpoint.FromSigned(new SignedCheckpoint(Guid.Empty, 0, "", "", "", default))!;

    private async Task<LedgerVerification> HoldAgainstAsync(ICrmDb db, LedgerVerification walked, LedgerCheckpoint? checkpoint, string which, CancellationToken ct)
    {
        if (checkpoint is null) return walked;
        if (!checkpoint.IsAuthentic(keys))
            return new(false, walked.EntriesChecked, checkpoint.Sequence, $"The signature of {which} (#{checkpoint.Sequence}) does not verify: it was not made with this system's key.");
        if (walked.EntriesChecked < checkpoint.Sequence)
            return new(false, walked.EntriesChecked, walked.EntriesChecked + 1,
                $"The chain ends at entry {walked.EntriesChecked}, but {which} vouches for {checkpoint.Sequence} entries: entries were cut off the end.");
        var sequence = checkpoint.Sequence;
        var hash = await db.LedgerEntries.Where(e => e.Sequence == sequence).Select(e => e.Hash).SingleAsync(ct);
        return hash.AsSpan().SequenceEqual(checkpoint.HeadHash)
            ? walked
            : new(false, walked.EntriesChecked, sequence, $"Entry {sequence} is not the one {which} vouches for: the chain was rewritten.");
    }

    private async Task CheckpointAsync(Guid tenantId, long sequence, CancellationToken ct)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var head = await db.LedgerEntries.Where(e => e.Sequence == sequence).Select(e => e.Hash).SingleAsync(ct);
        db.LedgerCheckpoints.Add(new LedgerCheckpoint(tenantId, sequence, head, keys, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent verification took the same checkpoint.
        }
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

    private async Task<LedgerVerification> WalkAsync(ICrmDb db, Guid tenantId, IProgress<LedgerVerifyProgress>? progress, CancellationToken ct)
    {
        var total = await db.LedgerEntries.LongCountAsync(e => e.TenantId == tenantId, ct);
        var expected = 1L;
        var previous = LedgerHashing.Genesis;
        // Entries whose personal values an erasure replaced, and those the erasures' own entries name: the same set.
        var (redacted, erased) = (new HashSet<long>(), new HashSet<long>());
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
                if (e.HashVersion >= 2 && !keys.Verify(e.KeyId, LedgerHashing.MacInput(e), e.Mac))
                    return Broken(expected - 1, e.Sequence,
                        $"Entry {e.Sequence} ({e.Kind}) was not written by this system: its authentication code does not verify (appended with the database's credentials, or altered).");
                if (!LedgerHashing.DataIntact(e))
                    return Broken(expected - 1, e.Sequence, $"Entry {e.Sequence} ({e.Kind}) was altered: its data no longer matches its digest.");
                if (e.RedactedAt is not null) redacted.Add(e.Sequence);
                if (e.Kind == LedgerKinds.PersonalDataErased) erased.UnionWith(LedgerRedaction.SequencesNamedBy(e.Data));
                previous = e.Hash;
                expected++;
            }
            progress?.Report(new LedgerVerifyProgress(expected - 1, total));
            if (batch.Count < Batch) break;
        }
        if (redacted.Except(erased).Order().FirstOrDefault() is var unlisted and > 0)
            return Broken(expected - 1, unlisted, $"Entry {unlisted} was redacted, but no privacy erasure on the ledger names it.");
        // Cutting entries off the end leaves a valid, shorter chain: the signed checkpoints are what show that.
        return new LedgerVerification(true, expected - 1, null,
            $"All {expected - 1:N0} entries verified; the chain is intact{(redacted.Count > 0 ? $" ({redacted.Count:N0} redacted by privacy erasures, each named by its erasure)" : "")}. Head: #{expected - 1}, hash {Convert.ToHexStringLower(previous)[..16]}…");
    }

    private static LedgerVerification Broken(long checkedCount, long at, string message) => new(false, checkedCount, at, message);
}
