using System.Runtime.CompilerServices;
using Autonomus.Core.Alerts;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.History.Consistency;

/// <summary>A field whose value rebuilt from the record's change events differs from the table's.</summary>
public sealed record HistoryDifference(string RecordType, Guid RecordId, string Field, string? FromEvents, string? InTable);

public sealed record ConsistencyReport(int Checked, IReadOnlyList<HistoryDifference> Differences)
{
    public bool Consistent => Differences.Count == 0;
}

/// <summary>
/// Rebuilds a random sample of the organisation's records from their change events (the last value each field was given)
/// and compares them with the tables, field by field, in one query per kind of record — the fields the events speak of:
/// a column added later, or a record older than the capture, has no event for some fields, and that is not a difference. A difference means a write escaped
/// the capture or an event was altered: it is logged, put on the ledger and sent to the Admins.
/// </summary>
public sealed class CheckHistoryConsistency(ICrmDbFactory dbFactory, ITenantContext tenant, LedgerWriter ledger, TimeProvider clock,
    ILogger<CheckHistoryConsistency> logger)
{
    private sealed record Row(string RecordType, Guid? RecordId, string Field, string? FromEvents, string? InTable);

    public async Task<ConsistencyReport> HandleAsync(int samplePerKind = 50, IReadOnlyCollection<Guid>? only = null, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("History is checked for one organisation at a time.");
        await using var db = await dbFactory.OpenAsync(ct);
        var differences = new List<HistoryDifference>();
        var checkedCount = 0;
        var ids = only?.ToArray();
        var skip = TrackedRecords.UntrackedColumns.ToArray();
        foreach (var (table, type) in TrackedRecords.Tables)
        {
            // The table name is one of the tracked five, never input; everything else is a parameter.
            var sql = FormattableStringFactory.Create($$"""
                WITH sample AS MATERIALIZED (
                    SELECT t.id, to_jsonb(t) AS state FROM {{table}} t
                    WHERE ({0}::uuid[] IS NULL OR t.id = ANY({0})) ORDER BY random() LIMIT {1}),
                rebuilt AS (
                    SELECT e.record_id, f.key, (array_agg(e.changes -> f.key -> 1 ORDER BY e.id DESC))[1] AS value
                    FROM sample s JOIN change_events e ON e.record_id = s.id AND e.record_type = {2}
                    CROSS JOIN LATERAL jsonb_object_keys(e.changes) AS f(key)
                    GROUP BY e.record_id, f.key)
                SELECT {2} AS record_type, s.id AS record_id, k.key AS field, r.value::text AS from_events, (s.state -> k.key)::text AS in_table
                FROM sample s CROSS JOIN LATERAL jsonb_object_keys(s.state) AS k(key)
                JOIN rebuilt r ON r.record_id = s.id AND r.key = k.key
                WHERE k.key <> ALL({3}) AND coalesce(r.value, 'null'::jsonb) IS DISTINCT FROM coalesce(s.state -> k.key, 'null'::jsonb)
                UNION ALL
                SELECT {2}, NULL::uuid, '', (SELECT count(*) FROM sample)::text, NULL
                """, ids, samplePerKind, type, skip);
            var rows = await db.Database.SqlQuery<Row>(sql).ToListAsync(ct);
            checkedCount += int.Parse(rows.Single(r => r.Field == "").FromEvents!);
            differences.AddRange(rows.Where(r => r.Field != "").Select(r => new HistoryDifference(r.RecordType, r.RecordId!.Value, r.Field, r.FromEvents, r.InTable)));
        }
        if (differences.Count > 0)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ledger.AppendAsync(db, tenantId, [new LedgerDraft(LedgerKinds.HistoryInconsistent, "system", null, "history consistency", "organisation", tenantId, Guid.CreateVersion7(),
                CanonicalJson.Serialize(new
                {
                    @checked = checkedCount,
                    // Which records and fields, never their values (they may be personal data).
                    differences = differences.Take(50).Select(d => new { record_type = d.RecordType, record_id = d.RecordId, field = d.Field }),
                    total = differences.Count,
                }))], ct);
            await db.SaveChangesAsync(ct);
            await AlertNotifier.NotifyAsync(db, new Alert(AlertKinds.HistoryInconsistent, tenantId, Count: differences.Select(d => d.RecordId).Distinct().Count(), At: clock.GetUtcNow()), ct);
            await tx.CommitAsync(ct);
            logger.LogError("History of tenant {Tenant} differs from its tables for {Records} of {Checked} records checked (first: {RecordType} {RecordId} field {Field})",
                tenantId, differences.Select(d => d.RecordId).Distinct().Count(), checkedCount, differences[0].RecordType, differences[0].RecordId, differences[0].Field);
        }
        return new ConsistencyReport(checkedCount, differences);
    }
}
