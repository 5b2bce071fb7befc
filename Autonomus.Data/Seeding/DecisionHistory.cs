using System.Text.Json;
using Autonomus.Core.Crm;
using Npgsql;
using NpgsqlTypes;

namespace Autonomus.Data.Seeding;

/// <summary>
/// How people decided one kind of suggestion, for a synthetic history: how many, what the engine's confidence was, and
/// the shares accepted as proposed, accepted after an edit and rejected (the rest expired). <see cref="AcceptAt"/>, when
/// given, makes acceptance depend on the confidence instead (an engine that is sure of itself too often, for example).
/// <see cref="Fact"/>, when given, puts that fact into each trigger's context with a value drawn by <see cref="FactValue"/>
/// from whether people accepted it (days stagnant, for example: what the Automation Optimizer reads).
/// </summary>
public sealed record HistorySpec(string Agent, string TriggerType, string Tool, RecordType RecordType, string Engine, int Count,
    double Accept, double Edit, double Reject, decimal[] Confidences, Func<decimal, double>? AcceptAt = null, decimal? ConfidenceFrom = null,
    string? Fact = null, Func<bool, Random, int>? FactValue = null);

/// <summary>
/// Writes a synthetic 90-day history of decided suggestions (with their closed triggers) for an organisation, straight in
/// SQL as the owner: a demo that shows calibration, shadow precision and earned autonomy on first start, and tests that
/// need a history of a known shape. Deterministic for a given seed. Nothing here runs in production.
/// </summary>
public static class DecisionHistory
{
    public const int Days = 90;

    public static async Task<int> SeedAsync(string ownerConnection, Guid tenantId, IEnumerable<HistorySpec> specs, DateTimeOffset now, int seed = 2026)
    {
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var reviewer = await ScalarAsync<Guid>(connection, "SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id WHERE u.tenant_id = @t AND r.name = 'SalesManager' ORDER BY u.email LIMIT 1", tenantId);
        var random = new Random(seed);
        var written = 0;
        foreach (var spec in specs)
        {
            var records = await RecordsAsync(connection, tenantId, spec.RecordType);
            if (records.Count == 0) continue;
            var rows = Enumerable.Range(0, spec.Count).Select(_ => Row(spec, records[random.Next(records.Count)], now, random, reviewer)).ToList();
            written += await InsertAsync(connection, tenantId, spec, rows);
        }
        await tx.CommitAsync();
        return written;
    }

    private sealed record HistoryRow(Guid TriggerId, Guid Id, Guid Correlation, Guid RecordId, string Label, decimal Confidence, DateTimeOffset CreatedAt,
        DateTimeOffset DecidedAt, string Status, bool Edited, string Payload, string? EditedPayload, Guid? Reviewer, string Context);

    private static HistoryRow Row(HistorySpec spec, (Guid Id, string Label) record, DateTimeOffset now, Random random, Guid reviewer)
    {
        var confidence = spec.ConfidenceFrom is { } from
            ? Math.Round(from + (decimal)random.NextDouble() * (1m - from), 3)
            : spec.Confidences[random.Next(spec.Confidences.Length)];
        var created = now.AddDays(-1 - random.NextDouble() * (Days - 2));
        var decided = created.AddHours(1 + random.NextDouble() * 20);
        var roll = random.NextDouble();
        var accept = spec.AcceptAt?.Invoke(confidence) ?? spec.Accept;
        var (status, edited) = roll < accept ? ("Applied", false)
            : roll < accept + spec.Edit ? ("Applied", true)
            : roll < accept + spec.Edit + spec.Reject ? ("Rejected", false)
            : ("Expired", false);
        var payload = Payload(spec, record.Id, decided, "Follow up");
        var context = spec.Fact is { } fact && spec.FactValue is { } value
            ? JsonSerializer.Serialize(new Dictionary<string, int> { [fact] = value(status == "Applied", random) })
            : "{}";
        return new HistoryRow(Guid.CreateVersion7(created), Guid.CreateVersion7(created), Guid.CreateVersion7(created), record.Id, record.Label, confidence,
            created, decided, status, edited, payload, edited ? Payload(spec, record.Id, decided.AddDays(2), "Follow up (edited)") : null,
            status == "Expired" ? null : reviewer, context);
    }

    /// <summary>A payload of the tool's shape: what the history's suggestions proposed.</summary>
    private static string Payload(HistorySpec spec, Guid recordId, DateTimeOffset at, string subject) => spec.Tool switch
    {
        "tag_record" => JsonSerializer.Serialize(new { recordType = spec.RecordType.ToString(), recordId, tag = "at-risk" }),
        "update_deal_close_date" => JsonSerializer.Serialize(new { dealId = recordId, expectedCloseDate = at.AddDays(21).ToString("yyyy-MM-dd") }),
        "update_lead_status" => JsonSerializer.Serialize(new { leadId = recordId, status = "Unqualified" }),
        _ => JsonSerializer.Serialize(new { recordType = spec.RecordType.ToString(), recordId, type = "Call", subject, dueAt = at.AddDays(1) }),
    };

    private static async Task<int> InsertAsync(NpgsqlConnection connection, Guid tenantId, HistorySpec spec, List<HistoryRow> rows)
    {
        await using var triggers = new NpgsqlCommand("""
            INSERT INTO triggers (id, tenant_id, type, record_type, record_id, context, detected_at, correlation_id, closed_at)
            SELECT t.id, @tenant, @type, @record_type, t.record_id, t.context::jsonb, t.created_at, t.correlation, t.decided_at
            FROM unnest(@ids, @records, @created, @correlations, @decided, @contexts) AS t(id, record_id, created_at, correlation, decided_at, context)
            """, connection);
        triggers.Parameters.AddWithValue("tenant", tenantId);
        triggers.Parameters.AddWithValue("type", spec.TriggerType);
        triggers.Parameters.AddWithValue("record_type", spec.RecordType.ToString());
        triggers.Parameters.AddWithValue("ids", rows.Select(r => r.TriggerId).ToArray());
        triggers.Parameters.AddWithValue("records", rows.Select(r => r.RecordId).ToArray());
        triggers.Parameters.AddWithValue("created", rows.Select(r => r.CreatedAt).ToArray());
        triggers.Parameters.AddWithValue("correlations", rows.Select(r => r.Correlation).ToArray());
        triggers.Parameters.AddWithValue("decided", rows.Select(r => r.DecidedAt).ToArray());
        triggers.Parameters.AddWithValue("contexts", rows.Select(r => r.Context).ToArray());
        await triggers.ExecuteNonQueryAsync();

        // Shadow mode was on throughout: with no floor, every one of them would have been applied on its own.
        await using var suggestions = new NpgsqlCommand("""
            INSERT INTO suggestions (id, tenant_id, trigger_id, trigger_type, agent, tool, payload, edited_payload, record_type, record_id,
                record_version, record_label, summary, reasoning, record_snapshot, facts, confidence, priority, engine, status, correlation_id,
                created_at, updated_at, expires_at, reviewed_by, reviewed_at, review_note, approved_by, applied_at, apply_result, shadow_auto_apply)
            SELECT s.id, @tenant, s.trigger_id, @type, @agent, @tool, s.payload::jsonb, s.edited::jsonb, @record_type, s.record_id,
                1, left(s.label, 300), left(@tool || ': ' || s.label, 300), 'Synthetic history for the demo.', '{}', '{}', s.confidence, 1, @engine, s.status,
                s.correlation, s.created_at, s.decided_at, s.created_at + interval '7 days', s.reviewer, CASE WHEN s.reviewer IS NULL THEN NULL ELSE s.decided_at END,
                CASE WHEN s.status = 'Rejected' THEN 'Not now (synthetic history).' END,
                CASE WHEN s.status = 'Applied' THEN s.reviewer END, CASE WHEN s.status = 'Applied' THEN s.decided_at END,
                CASE WHEN s.status = 'Applied' THEN '{}' END, true
            FROM unnest(@ids, @triggers, @records, @labels, @confidences, @statuses, @payloads, @edited, @correlations, @created, @decided, @reviewers)
                AS s(id, trigger_id, record_id, label, confidence, status, payload, edited, correlation, created_at, decided_at, reviewer)
            """, connection);
        suggestions.Parameters.AddWithValue("tenant", tenantId);
        suggestions.Parameters.AddWithValue("type", spec.TriggerType);
        suggestions.Parameters.AddWithValue("agent", spec.Agent);
        suggestions.Parameters.AddWithValue("tool", spec.Tool);
        suggestions.Parameters.AddWithValue("engine", spec.Engine);
        suggestions.Parameters.AddWithValue("record_type", spec.RecordType.ToString());
        suggestions.Parameters.AddWithValue("ids", rows.Select(r => r.Id).ToArray());
        suggestions.Parameters.AddWithValue("triggers", rows.Select(r => r.TriggerId).ToArray());
        suggestions.Parameters.AddWithValue("records", rows.Select(r => r.RecordId).ToArray());
        suggestions.Parameters.AddWithValue("labels", rows.Select(r => r.Label).ToArray());
        suggestions.Parameters.AddWithValue("confidences", rows.Select(r => r.Confidence).ToArray());
        suggestions.Parameters.AddWithValue("statuses", rows.Select(r => r.Status).ToArray());
        suggestions.Parameters.AddWithValue("payloads", rows.Select(r => r.Payload).ToArray());
        suggestions.Parameters.Add(new NpgsqlParameter("edited", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => (object?)r.EditedPayload ?? DBNull.Value).ToArray() });
        suggestions.Parameters.AddWithValue("correlations", rows.Select(r => r.Correlation).ToArray());
        suggestions.Parameters.AddWithValue("created", rows.Select(r => r.CreatedAt).ToArray());
        suggestions.Parameters.AddWithValue("decided", rows.Select(r => r.DecidedAt).ToArray());
        suggestions.Parameters.Add(new NpgsqlParameter("reviewers", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => (object?)r.Reviewer ?? DBNull.Value).ToArray() });
        return await suggestions.ExecuteNonQueryAsync();
    }

    private static async Task<List<(Guid Id, string Label)>> RecordsAsync(NpgsqlConnection connection, Guid tenantId, RecordType type)
    {
        var sql = type switch
        {
            RecordType.Lead => "SELECT id, first_name || ' ' || last_name FROM leads WHERE tenant_id = @t",
            RecordType.Deal => "SELECT id, name FROM deals WHERE tenant_id = @t",
            RecordType.Account => "SELECT id, name FROM accounts WHERE tenant_id = @t",
            RecordType.Contact => "SELECT id, first_name || ' ' || last_name FROM contacts WHERE tenant_id = @t",
            _ => "SELECT id, subject FROM activities WHERE tenant_id = @t",
        };
        await using var command = new NpgsqlCommand(sql + " ORDER BY id LIMIT 5000", connection);
        command.Parameters.AddWithValue("t", tenantId);
        await using var reader = await command.ExecuteReaderAsync();
        var records = new List<(Guid, string)>();
        while (await reader.ReadAsync()) records.Add((reader.GetGuid(0), reader.GetString(1)));
        return records;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, Guid tenantId)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", tenantId);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
