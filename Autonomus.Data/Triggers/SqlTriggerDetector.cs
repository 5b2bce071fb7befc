using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autonomus.Data.Triggers;

/// <summary>
/// A detector as one INSERT … SELECT: the candidates query (tenant-scoped, set-based, returning
/// <c>record_id</c>, <c>context</c> and <c>sort_key</c>) minus records with an open trigger of this type or one
/// closed within the cooldown, oldest first, at most the tenant's per-run cap. PostgreSQL flattens the
/// candidates into the outer query, so the context is built only for the rows inserted.
/// </summary>
public abstract class SqlTriggerDetector : ITriggerDetector
{
    public abstract string TriggerType { get; }
    protected abstract RecordType RecordType { get; }

    /// <summary>SELECT record_id, context (jsonb), sort_key FROM … WHERE tenant_id = @tenant AND …</summary>
    public abstract string CandidatesSql { get; }

    public abstract IEnumerable<NpgsqlParameter> Parameters(AutonomySettings settings, DateTimeOffset now);

    public string InsertSql => $"""
        INSERT INTO triggers (id, tenant_id, type, record_type, record_id, context, detected_at, correlation_id)
        SELECT gen_random_uuid(), @tenant, '{TriggerType}', '{RecordType}', c.record_id, c.context, @now, gen_random_uuid()
        FROM ({CandidatesSql}) c
        WHERE NOT EXISTS (
            SELECT 1 FROM triggers t
            WHERE t.tenant_id = @tenant AND t.type = '{TriggerType}' AND t.record_id = c.record_id
              AND (t.closed_at IS NULL OR t.closed_at > @cooldown))
        ORDER BY c.sort_key, c.record_id
        LIMIT @max
        ON CONFLICT DO NOTHING
        """;

    public Task<int> DetectAsync(ICrmDb db, Guid tenantId, AutonomySettings settings, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(InsertSql, AllParameters(tenantId, settings, now), ct);

    public IEnumerable<NpgsqlParameter> AllParameters(Guid tenantId, AutonomySettings settings, DateTimeOffset now) =>
    [
        new("tenant", tenantId),
        new("now", now),
        new("cooldown", now.AddDays(-settings.RetriggerCooldownDays)),
        new("max", settings.MaxTriggersPerRun),
        .. Parameters(settings, now),
    ];

    /// <summary>Whole days between two instants, in SQL. date_part is double precision: far cheaper per row than extract's numeric.</summary>
    protected const string DaysSince = "floor((date_part('epoch', @now) - date_part('epoch', {0})) / 86400)::int";

    protected static string Days(string column) => string.Format(System.Globalization.CultureInfo.InvariantCulture, DaysSince, column);
}
