using System.Security.Cryptography;
using System.Text.Json;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Ledger;

/// <summary>
/// Appends entries to a tenant's chain inside the caller's transaction, so an entry exists exactly when the change it
/// records does. The database function <c>ledger_append</c> takes the tenant's chain lock, assigns the sequence and
/// computes the hash (the runtime role cannot insert otherwise: no gaps, no chosen hashes); the app adds what the
/// database cannot: an authentication code under a key it never sees.
/// </summary>
public sealed class LedgerWriter(TimeProvider clock, LedgerKeyRing keys)
{
    public async Task AppendAsync(ICrmDb db, Guid tenantId, IReadOnlyList<LedgerDraft> drafts, CancellationToken ct)
    {
        if (drafts.Count == 0) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Ledger entries are appended inside the transaction of the change they record.");
        var at = LedgerHashing.Truncate(clock.GetUtcNow());
        var entries = drafts.Select(d =>
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var (keyId, mac) = keys.SignWithId(LedgerHashing.MacInput(tenantId, d.Kind, d.ActorType, d.ActorId, d.ActorName, d.SubjectType, d.SubjectId, d.CorrelationId,
                LedgerHashing.DigestText(LedgerHashing.DigestOf(d.Data)), at, nonce));
            return new Dictionary<string, string?>
            {
                ["kind"] = d.Kind, ["actor_type"] = d.ActorType, ["actor_id"] = d.ActorId?.ToString(), ["actor_name"] = d.ActorName,
                ["subject_type"] = d.SubjectType, ["subject_id"] = d.SubjectId.ToString(), ["correlation_id"] = d.CorrelationId.ToString(),
                ["data"] = d.Data, ["at"] = LedgerHashing.FormatAt(at), ["nonce"] = nonce, ["mac"] = Convert.ToHexStringLower(mac), ["key_id"] = keyId,
            };
        });
        var json = JsonSerializer.Serialize(entries);
        await db.Database.ExecuteSqlAsync($"SELECT ledger_append({tenantId}, {json}::jsonb)", ct);
    }
}
