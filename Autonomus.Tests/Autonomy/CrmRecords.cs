using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Autonomy;

/// <summary>
/// Builds CRM records of one tenant with SQL as the owner, with the timestamps a detector looks at set exactly
/// (the use cases would stamp "now"). Each record has a unique name, so a test asserts on its own records only.
/// </summary>
public sealed class CrmRecords(PostgresFixture pg, Guid tenantId)
{
    public Guid TenantId => tenantId;

    public async Task<Guid> LeadAsync(DateTimeOffset lastTouch, string status = "New", Guid? owner = null, bool touched = true, string? lastName = null)
    {
        var id = Guid.CreateVersion7();
        await pg.ExecuteAsync("""
            INSERT INTO leads (id, tenant_id, first_name, last_name, company, source, status, score, last_activity_at, status_changed_at,
                               owner_id, created_at, updated_at, version)
            VALUES (@id, @t, 'Test', @last, 'Testco', 'Website', @status, 50, @touch, @created, @owner, @created, @created, 1)
            """,
            ("id", id), ("t", tenantId), ("last", lastName ?? $"Lead {id:N}"), ("status", status),
            ("touch", touched ? lastTouch : DBNull.Value), ("created", touched ? lastTouch.AddDays(-5) : lastTouch), ("owner", (object?)owner ?? DBNull.Value));
        return id;
    }

    public async Task<Guid> AccountAsync(Guid? owner = null, DateTimeOffset? lastTouch = null)
    {
        var id = Guid.CreateVersion7();
        var at = lastTouch ?? DateTimeOffset.UtcNow;
        await pg.ExecuteAsync("""
            INSERT INTO accounts (id, tenant_id, name, industry, city, country, last_activity_at, owner_id, created_at, updated_at, version)
            VALUES (@id, @t, @name, 'Testing', 'Testville', 'Testland', @touch, @owner, @created, @created, 1)
            """,
            ("id", id), ("t", tenantId), ("name", $"Account {id:N}"), ("touch", (object?)lastTouch ?? DBNull.Value),
            ("created", at.AddDays(-100)), ("owner", (object?)owner ?? DBNull.Value));
        return id;
    }

    public async Task<Guid> ContactAsync(Guid accountId, DateTimeOffset lastTouch, Guid? owner = null)
    {
        var id = Guid.CreateVersion7();
        await pg.ExecuteAsync("""
            INSERT INTO contacts (id, tenant_id, account_id, first_name, last_name, title, last_activity_at, owner_id, created_at, updated_at, version)
            VALUES (@id, @t, @account, 'Test', @name, 'Buyer', @touch, @owner, @created, @created, 1)
            """,
            ("id", id), ("t", tenantId), ("account", accountId), ("name", $"Contact {id:N}"), ("touch", lastTouch),
            ("created", lastTouch.AddDays(-5)), ("owner", (object?)owner ?? DBNull.Value));
        return id;
    }

    /// <summary>A deal in <paramref name="stage"/> since <paramref name="lastTouch"/>, with its creation in the stage history.</summary>
    public async Task<Guid> DealAsync(Guid accountId, string stage, DateTimeOffset lastTouch, DateOnly expectedClose, int probability = 50,
        Guid? owner = null, decimal amount = 5_000_000m, string currency = "CLP", DateTimeOffset? closedAt = null)
    {
        var id = Guid.CreateVersion7();
        var created = lastTouch.AddDays(-5);
        await pg.ExecuteAsync("""
            INSERT INTO deals (id, tenant_id, account_id, name, amount, currency, stage, probability, expected_close_date, stage_changed_at,
                               closed_at, last_activity_at, owner_id, created_at, updated_at, version)
            VALUES (@id, @t, @account, @name, @amount, @currency, @stage, @probability, @close, @created, @closed, @touch, @owner, @created, @created, 1)
            """,
            ("id", id), ("t", tenantId), ("account", accountId), ("name", $"Deal {id:N}"), ("amount", amount), ("currency", currency),
            ("stage", stage), ("probability", probability), ("close", expectedClose), ("created", created),
            ("closed", (object?)closedAt ?? DBNull.Value), ("touch", lastTouch), ("owner", (object?)owner ?? DBNull.Value));
        await StageChangeAsync(id, null, stage, created);
        return id;
    }

    /// <summary>A move in a deal's history (the deal row itself is not changed).</summary>
    public Task StageChangeAsync(Guid dealId, string? from, string to, DateTimeOffset at) => pg.ExecuteAsync("""
        INSERT INTO deal_stage_changes (id, tenant_id, deal_id, from_stage, to_stage, changed_at, changed_by, is_regression)
        VALUES (@id, @t, @deal, @from, @to, @at, NULL, @regression)
        """,
        ("id", Guid.CreateVersion7()), ("t", tenantId), ("deal", dealId), ("from", (object?)from ?? DBNull.Value), ("to", to), ("at", at),
        ("regression", from is not null && Order(to) < Order(from) && to is not ("ClosedWon" or "ClosedLost")));

    public async Task<Guid> ActivityAsync(string relatedType, Guid relatedId, string type = "Task", DateTimeOffset? due = null,
        DateTimeOffset? completed = null, Guid? owner = null)
    {
        var id = Guid.CreateVersion7();
        var created = (completed ?? due ?? DateTimeOffset.UtcNow).AddDays(-1);
        await pg.ExecuteAsync("""
            INSERT INTO activities (id, tenant_id, type, subject, due_at, completed_at, related_type, related_id, owner_id, created_at, updated_at, version)
            VALUES (@id, @t, @type, @subject, @due, @completed, @rtype, @rid, @owner, @created, @created, 1)
            """,
            ("id", id), ("t", tenantId), ("type", type), ("subject", $"Activity {id:N}"), ("due", (object?)due ?? DBNull.Value),
            ("completed", (object?)completed ?? DBNull.Value), ("rtype", relatedType), ("rid", relatedId), ("owner", (object?)owner ?? DBNull.Value),
            ("created", created));
        return id;
    }

    private static int Order(string stage) => stage switch
    {
        "Prospecting" => 0, "Qualification" => 1, "Proposal" => 2, "Negotiation" => 3, "ClosedWon" => 4, _ => 5,
    };
}
