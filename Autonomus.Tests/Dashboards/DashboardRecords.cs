using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Dashboards;

/// <summary>
/// A tenant of its own, and the leads, triggers and suggestions of a dashboard test with every timestamp, status and
/// note set exactly, by SQL as the owner (deals come from <see cref="CrmRecords"/>).
/// </summary>
public sealed class DashboardRecords(PostgresFixture pg, Guid tenantId)
{
    public CrmRecords Crm { get; } = new(pg, tenantId);

    public Task TenantAsync(string slug) => pg.ExecuteAsync(
        "INSERT INTO tenants (id, name, slug, created_at) VALUES (@id, @name, @slug, @at)",
        ("id", tenantId), ("name", $"Dashboard test {slug}"), ("slug", slug), ("at", DateTimeOffset.UtcNow));

    public Task LeadAsync(string status, string source, DateTimeOffset createdAt) => pg.ExecuteAsync("""
        INSERT INTO leads (id, tenant_id, first_name, last_name, company, source, status, score, status_changed_at, created_at, updated_at, version)
        VALUES (@id, @t, 'Dash', @last, 'Dashco', @source, @status, 50, @at, @at, @at, 1)
        """,
        ("id", Guid.CreateVersion7()), ("t", tenantId), ("last", $"Lead {Guid.NewGuid():N}"), ("source", source), ("status", status), ("at", createdAt));

    public async Task<Guid> TriggerAsync(DateTimeOffset detectedAt)
    {
        var id = Guid.CreateVersion7();
        await pg.ExecuteAsync("""
            INSERT INTO triggers (id, tenant_id, type, record_type, record_id, context, detected_at, correlation_id, closed_at)
            VALUES (@id, @t, 'lead_stagnant', 'Lead', @record, '{}', @at, @correlation, @at)
            """,
            ("id", id), ("t", tenantId), ("record", Guid.NewGuid()), ("at", detectedAt), ("correlation", Guid.NewGuid()));
        return id;
    }

    /// <summary>
    /// A suggestion created at <paramref name="createdAt"/>; <paramref name="reviewedAfter"/> set means a reviewer
    /// decided (approved unless the status is Rejected).
    /// </summary>
    public Task SuggestionAsync(Guid triggerId, string agent, string tool, string status, DateTimeOffset createdAt,
        TimeSpan? reviewedAfter = null, bool edited = false, string? note = null)
    {
        var reviewedAt = createdAt + reviewedAfter;
        object reviewer = reviewedAt is null ? DBNull.Value : Guid.NewGuid();
        object Maybe<T>(bool when, T value) => when && value is not null ? value : DBNull.Value;
        return pg.ExecuteAsync("""
            INSERT INTO suggestions (id, tenant_id, trigger_id, trigger_type, agent, tool, payload, edited_payload, record_type, record_id,
                                     record_version, record_label, summary, reasoning, record_snapshot, facts, confidence, priority, engine,
                                     status, correlation_id, created_at, updated_at, expires_at, reviewed_by, reviewed_at, review_note,
                                     approved_by, applied_at)
            VALUES (@id, @t, @trigger, 'lead_stagnant', @agent, @tool, '{"note":"as proposed"}', @edited::jsonb, 'Lead', @record,
                    1, 'A lead', 'Do something', 'Because', '{}', '{}', 0.8, 1, 'test',
                    @status, @correlation, @created, @created, @expires, @reviewer, @reviewed, @note, @approver, @applied)
            """,
            ("id", Guid.CreateVersion7()), ("t", tenantId), ("trigger", triggerId), ("agent", agent), ("tool", tool),
            ("edited", Maybe(edited, """{"note":"as edited"}""")), ("record", Guid.NewGuid()), ("status", status), ("correlation", Guid.NewGuid()),
            ("created", createdAt), ("expires", createdAt.AddDays(7)), ("reviewer", reviewer), ("reviewed", Maybe(true, reviewedAt)),
            ("note", Maybe(true, note)), ("approver", status == "Rejected" ? DBNull.Value : reviewer),
            ("applied", Maybe(status == "Applied", reviewedAt)));
    }
}
