using Autonomus.Tests.Infrastructure;
using Npgsql;

namespace Autonomus.Tests.Autonomy;

/// <summary>
/// SQL straight against a test class's database, as the owner (no row-level security) or as a superuser,
/// to build the exact records a test needs and to check what was really written.
/// </summary>
public static class OwnerSql
{
    public static async Task<int> ExecuteAsync(this PostgresFixture pg, string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(pg.Db.OwnerConnection);
        await conn.OpenAsync();
        await using var cmd = Command(conn, sql, parameters);
        return await cmd.ExecuteNonQueryAsync();
    }

    public static Task<long> CountAsync(this PostgresFixture pg, string sql, params (string Name, object Value)[] parameters) =>
        pg.ScalarAsync<long>(sql, parameters);

    /// <summary>Each row as column name → value (DBNull as null).</summary>
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(this PostgresFixture pg, string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(pg.Db.OwnerConnection);
        await conn.OpenAsync();
        await using var cmd = Command(conn, sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public static async Task<List<Guid>> IdsAsync(this PostgresFixture pg, string sql, params (string Name, object Value)[] parameters) =>
        (await pg.RowsAsync(sql, parameters)).Select(r => (Guid)r.Values.First()!).ToList();

    /// <summary>A superuser connection to this class's database: needed to switch the ledger's append-only trigger off.</summary>
    public static string SuperuserConnection(this PostgresFixture pg) =>
        new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnection) { Database = pg.Db.Name, Pooling = false }.ConnectionString;

    /// <summary>
    /// Runs <paramref name="sql"/> as a superuser with <paramref name="table"/>'s own triggers off (the ledger's append-only
    /// guard), in one transaction: how the tests tamper with the ledger, and undo it.
    /// </summary>
    public static async Task BypassTriggersAsync(this PostgresFixture pg, string table, string sql, params (string Name, object Value)[] parameters)
    {
        await using var superuser = new NpgsqlConnection(pg.SuperuserConnection());
        await superuser.OpenAsync();
        await superuser.BypassTriggersAsync(table, sql, parameters);
    }

    /// <summary>The same on a superuser connection the caller keeps (a tampering that leaves a temp table for its undoing).</summary>
    public static async Task BypassTriggersAsync(this NpgsqlConnection superuser, string table, string sql, params (string Name, object Value)[] parameters)
    {
        await using var tx = await superuser.BeginTransactionAsync();
        foreach (var statement in new[] { $"ALTER TABLE {table} DISABLE TRIGGER USER", sql, $"ALTER TABLE {table} ENABLE TRIGGER USER" })
        {
            await using var cmd = Command(superuser, statement, parameters);
            cmd.Transaction = tx;
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    public static NpgsqlCommand Command(NpgsqlConnection conn, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return cmd;
    }
}
