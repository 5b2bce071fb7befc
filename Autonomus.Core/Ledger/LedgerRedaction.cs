using System.Text.Json.Nodes;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Ledger;

/// <summary>
/// A privacy erasure's reach into the ledger: entries (version 3) about the erased record whose data holds the person's
/// values get them replaced by "[erased]" through the database function <c>ledger_redact</c> (the only update the ledger admits; the runtime role
/// cannot update entries itself). Their hashes and codes cover the data's digest, so the chain still verifies; the erasure's
/// own entry lists the sequences it redacted under <see cref="SequencesKey"/>, and verification checks every redacted entry
/// is named there.
/// </summary>
public static class LedgerRedaction
{
    public const string SequencesKey = "redacted_sequences";
    public const string Erased = "[erased]";

    /// <summary>
    /// Replaces the values in the current tenant's entries about <paramref name="subjects"/> (or sharing one of
    /// <paramref name="correlations"/>); returns the sequences of the entries it changed.
    /// </summary>
    public static async Task<long[]> RedactAsync(ICrmDb db, Guid tenantId, Guid[] subjects, Guid[] correlations, string[] values, CancellationToken ct) =>
        values.Length == 0 ? [] : [.. await db.Database.SqlQuery<long>($"""SELECT unnest(ledger_redact({tenantId}, {subjects}, {correlations}, {values})) AS "Value" """).ToListAsync(ct)];

    /// <summary>The sequences an erasure's entry names (none when its data is not what an erasure writes).</summary>
    public static IEnumerable<long> SequencesNamedBy(string data)
    {
        try { return JsonNode.Parse(data)?[SequencesKey] is JsonArray list ? list.Select(n => n!.GetValue<long>()).ToList() : []; }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException) { return []; }
    }
}
