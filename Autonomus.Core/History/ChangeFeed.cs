using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.History;

/// <summary>A change event as the organisation's feed delivers it, at its place (<see cref="Position"/>).</summary>
public sealed record ChangeEvent(long Position, long Id, string RecordType, Guid RecordId, int? Version, string Operation, string Changes,
    string Actor, string ActorType, string? Cause, Guid? CorrelationId, Guid? BatchId, DateTimeOffset At);

/// <summary>
/// The organisation's change events as a feed for subscribers (the automation engine, integrations): each subscriber has
/// a position kept in the database; it reads what comes after it and acknowledges what it has handled, so a subscriber
/// that stops and starts again resumes where it acknowledged — at least once, never lost.
/// <para>
/// Events get their place only once the transaction that wrote them, and every older one still running, has ended
/// (the snapshot's xmin), in the order they were written, and never ahead of a committed event not yet placeable: so no
/// event can later appear before a place already read, and one record's events keep their order (a second writer of a
/// record waits for the first one's commit, so it writes — and is placed — after it). The horizon is the cluster's: a
/// long transaction anywhere delays placing (never loses) events.
/// </para>
/// </summary>
public sealed class ChangeFeed(ICrmDbFactory dbFactory, ITenantContext tenant)
{
    public const int MaxBatch = 1_000;

    public async Task<IReadOnlyList<ChangeEvent>> ReadAsync(string consumer, int max = 500, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A feed is read for one organisation at a time.");
        max = Math.Clamp(max, 1, MaxBatch);
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await PlaceAsync(db, tenantId, ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO change_consumers (tenant_id, consumer) VALUES ({tenantId}, {consumer}) ON CONFLICT DO NOTHING", ct);
        var events = await db.Database.SqlQuery<ChangeEvent>($"""
            SELECT e.position, e.id, e.record_type, e.record_id, e.version, e.operation, e.changes::text AS changes, e.actor, e.actor_type,
                   e.cause, e.correlation_id, e.batch_id, e.at
            FROM change_events e
            WHERE e.tenant_id = {tenantId} AND e.position > (SELECT c.position FROM change_consumers c WHERE c.tenant_id = {tenantId} AND c.consumer = {consumer})
            ORDER BY e.position
            LIMIT {max}
            """).ToListAsync(ct);
        await tx.CommitAsync(ct);
        return events;
    }

    /// <summary>Moves the subscriber's position forward to <paramref name="position"/> (never back, never past the last placed event).</summary>
    public async Task AcknowledgeAsync(string consumer, long position, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A feed is read for one organisation at a time.");
        await using var db = await dbFactory.OpenAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO change_consumers (tenant_id, consumer, position)
            VALUES ({tenantId}, {consumer}, least({position}, (SELECT coalesce(max(position), 0) FROM change_events WHERE tenant_id = {tenantId})))
            ON CONFLICT (tenant_id, consumer) DO UPDATE SET position = greatest(change_consumers.position, excluded.position), updated_at = now()
            """, ct);
    }

    /// <summary>Gives the events ready for it their place, in one statement under the organisation's feed lock.</summary>
    private static async Task PlaceAsync(ICrmDb db, Guid tenantId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('change_feed:' || {tenantId.ToString()}))", ct);
        await db.Database.ExecuteSqlAsync($"""
            WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
                 blocked AS (SELECT min(e.id) AS id FROM change_events e, horizon h WHERE e.tenant_id = {tenantId} AND e.position IS NULL AND e.tx >= h.xmin),
                 ready AS (
                     SELECT e.id, row_number() OVER (ORDER BY e.id) AS n
                     FROM change_events e, horizon h, blocked b
                     WHERE e.tenant_id = {tenantId} AND e.position IS NULL AND e.tx < h.xmin AND (b.id IS NULL OR e.id < b.id)
                     ORDER BY e.id LIMIT 50000),
                 top AS (SELECT coalesce(max(position), 0) AS p FROM change_events WHERE tenant_id = {tenantId} AND position IS NOT NULL)
            UPDATE change_events e SET position = top.p + ready.n FROM ready, top WHERE e.id = ready.id
            """, ct);
    }
}
