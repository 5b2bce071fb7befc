using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Agents.DataQuality;

/// <summary>Contacts, leads and accounts with the names, emails and phones a data-quality test needs, written as the owner with exact creation times.</summary>
public sealed class DataQualityRecords(PostgresFixture pg, Guid tenantId)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private int _order;

    /// <summary>Each record is created a minute after the previous one: the first of a pair is the older, the one that stays.</summary>
    private DateTimeOffset Next() => Start.AddMinutes(++_order);

    public async Task<Guid> ContactAsync(Guid accountId, string first, string last, string? email = null, string? phone = null, string? title = null)
    {
        var id = Guid.CreateVersion7();
        var at = Next();
        await pg.ExecuteAsync("""
            INSERT INTO contacts (id, tenant_id, account_id, first_name, last_name, email, phone, title, created_at, updated_at, version)
            VALUES (@id, @t, @account, @first, @last, @email, @phone, @title, @at, @at, 1)
            """,
            ("id", id), ("t", tenantId), ("account", accountId), ("first", first), ("last", last), ("email", (object?)email ?? DBNull.Value),
            ("phone", (object?)phone ?? DBNull.Value), ("title", (object?)title ?? DBNull.Value), ("at", at));
        return id;
    }

    public async Task<Guid> LeadAsync(string first, string last, string company, string? email = null, string? phone = null)
    {
        var id = Guid.CreateVersion7();
        var at = Next();
        await pg.ExecuteAsync("""
            INSERT INTO leads (id, tenant_id, first_name, last_name, company, email, phone, source, status, score, status_changed_at, created_at, updated_at, version)
            VALUES (@id, @t, @first, @last, @company, @email, @phone, 'Website', 'New', 40, @at, @at, @at, 1)
            """,
            ("id", id), ("t", tenantId), ("first", first), ("last", last), ("company", company), ("email", (object?)email ?? DBNull.Value),
            ("phone", (object?)phone ?? DBNull.Value), ("at", at));
        return id;
    }

    public async Task<Guid> AccountAsync(string name, string? phone = null, string? website = null)
    {
        var id = Guid.CreateVersion7();
        var at = Next();
        await pg.ExecuteAsync("""
            INSERT INTO accounts (id, tenant_id, name, phone, website, created_at, updated_at, version)
            VALUES (@id, @t, @name, @phone, @website, @at, @at, 1)
            """,
            ("id", id), ("t", tenantId), ("name", name), ("phone", (object?)phone ?? DBNull.Value), ("website", (object?)website ?? DBNull.Value), ("at", at));
        return id;
    }

    /// <summary>The context of the open trigger of <paramref name="type"/> on the record, or null when there is none.</summary>
    public async Task<Dictionary<string, object?>?> OpenTriggerAsync(string type, Guid recordId) =>
        (await pg.RowsAsync("SELECT context::text AS context, id FROM triggers WHERE type = @type AND record_id = @id AND closed_at IS NULL",
            ("type", type), ("id", recordId))).SingleOrDefault();
}
