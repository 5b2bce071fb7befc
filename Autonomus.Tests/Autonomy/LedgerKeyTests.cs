using System.Security.Cryptography;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Tests.Autonomy;

/// <summary>
/// A ledger the app's own database credentials cannot forge: the runtime role appends only through ledger_append
/// (which assigns sequence and hash), every entry carries a code under a key outside the database, and signed
/// checkpoints show a chain cut off at the end.
/// </summary>
/// Each class below has its own database: a forged, cut or re-keyed chain must not leak into another test.
public abstract class LedgerKeyTestBase(PostgresFixture pg)
{
    protected static readonly Guid Andes = PostgresFixture.Andes;
    protected static readonly Guid Northwind = PostgresFixture.Northwind;
    protected static readonly LedgerKeyRing TestKeys = new([Convert.FromBase64String(TestDatabase.LedgerKey)]);

    protected async Task WriteEntriesAsync(string admin, int rounds, LedgerKeyRing? keys = null)
    {
        await using var sp = await pg.ServicesWithKeysAsync(admin, keys ?? TestKeys);
        var killSwitch = sp.GetRequiredService<ManageKillSwitch>();
        for (var i = 0; i < rounds; i++)
        {
            await killSwitch.EngageAsync("ledger key test");
            await killSwitch.ReleaseAsync();
        }
    }

    protected async Task<LedgerVerification> VerifyAsync(Guid tenant, LedgerKeyRing? keys = null, SignedCheckpoint? kept = null)
    {
        await using var sp = pg.ServicesWith(new Autonomus.Core.Tenancy.FixedTenantContext(tenant), null, s => s.AddSingleton(keys ?? TestKeys));
        return await sp.GetRequiredService<VerifyLedger>().HandleAsync(kept);
    }

    protected async Task<NpgsqlConnection> RuntimeRoleAsync(Guid tenant)
    {
        var conn = new NpgsqlConnection(pg.Db.AppConnection);
        await conn.OpenAsync();
        await using var set = OwnerSql.Command(conn, "SELECT set_config('app.tenant_id', @t, false)", ("t", tenant.ToString()));
        await set.ExecuteNonQueryAsync();
        return conn;
    }

    protected static string Forged(string? mac) => $$"""
        [{"kind":"action_applied","actor_type":"user","actor_id":null,"actor_name":"Someone","subject_type":"Deal",
          "subject_id":"{{Guid.NewGuid()}}","correlation_id":"{{Guid.NewGuid()}}","data":"{\"amount\":1}",
          "at":"2026-11-29T12:00:00.000000Z","nonce":"{{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}}",
          "mac":{{(mac is null ? "null" : $"\"{mac}\"")}},"key_id":"{{TestKeys.CurrentId}}"}]
        """;
}

public sealed class LedgerForgeryTests(PostgresFixture pg) : LedgerKeyTestBase(pg), IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture pg = pg;

    [Fact]
    public async Task TheRuntimeRoleCannotInsertLedgerEntriesDirectly()
    {
        await WriteEntriesAsync("admin@andes.demo", 1);
        await using var app = await RuntimeRoleAsync(Andes);
        await using var insert = OwnerSql.Command(app,
            "INSERT INTO ledger_entries (tenant_id, sequence, kind, actor_type, actor_name, subject_type, subject_id, correlation_id, data, at, previous_hash, hash) " +
            "VALUES (@t, 100000, 'x', 'user', 'x', 'Deal', gen_random_uuid(), gen_random_uuid(), '{}', now(), '\\x00', '\\x00')", ("t", Andes));
        var e = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
    }

    [Theory]
    [InlineData("random code")]
    [InlineData("no code")]
    public async Task AnEntryAppendedWithTheRuntimeRolesCredentialsIsReportedAsNotWrittenByTheSystem(string forgery)
    {
        await WriteEntriesAsync("admin@andes.demo", 1);
        Assert.True((await VerifyAsync(Andes)).Intact);
        await using var app = await RuntimeRoleAsync(Andes);
        await using var append = OwnerSql.Command(app, "SELECT ledger_append(@t, @e::jsonb)",
            ("t", Andes), ("e", Forged(forgery == "no code" ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)))));
        var forgedAt = (long)(await append.ExecuteScalarAsync())!;

        var result = await VerifyAsync(Andes);
        Assert.False(result.Intact);
        Assert.Equal(forgedAt, result.BrokenAtSequence);
        Assert.Contains("not written by this system", result.Message);

        // Undone as a superuser, so the other tests of this class start from an honest chain.
        await pg.BypassTriggersAsync("ledger_entries", "DELETE FROM ledger_entries WHERE tenant_id = @t AND sequence = @s", ("t", Andes), ("s", forgedAt));
        Assert.True((await VerifyAsync(Andes)).Intact);
    }

    [Fact]
    public async Task TheAppendFunctionWritesOnlyTheCurrentTenantsChainAndACopiedEntryIsRefused()
    {
        await WriteEntriesAsync("admin@northwind.demo", 1);
        await using var app = await RuntimeRoleAsync(Andes);
        await using var other = OwnerSql.Command(app, "SELECT ledger_append(@t, @e::jsonb)", ("t", Northwind), ("e", Forged(null)));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => other.ExecuteScalarAsync())).SqlState);

        // Replaying a real entry (fields, nonce and code) gives a valid-looking entry a second place: refused.
        await WriteEntriesAsync("admin@andes.demo", 1);
        var real = (await pg.RowsAsync("""
            SELECT json_build_array(json_build_object('kind', kind, 'actor_type', actor_type, 'actor_id', actor_id, 'actor_name', actor_name,
              'subject_type', subject_type, 'subject_id', subject_id, 'correlation_id', correlation_id, 'data', data,
              'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'nonce', nonce, 'mac', encode(mac, 'hex'), 'key_id', key_id))::text AS e
            FROM ledger_entries WHERE tenant_id = @t ORDER BY sequence DESC LIMIT 1
            """, ("t", Andes))).Single()["e"]!;
        await using var replay = OwnerSql.Command(app, "SELECT ledger_append(@t, @e::jsonb)", ("t", Andes), ("e", real));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, (await Assert.ThrowsAsync<PostgresException>(() => replay.ExecuteScalarAsync())).SqlState);
        Assert.True((await VerifyAsync(Andes)).Intact);
    }
}

public sealed class LedgerTruncationTests(PostgresFixture pg) : LedgerKeyTestBase(pg), IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture pg = pg;

    [Fact]
    public async Task EntriesCutOffTheEndAreReportedAgainstTheSignedCheckpointAndAKeptOne()
    {
        await WriteEntriesAsync("admin@northwind.demo", 3);
        var verified = await VerifyAsync(Northwind);
        Assert.True(verified.Intact, verified.Message);
        SignedCheckpoint kept;
        await using (var sp = pg.ServicesWith(new Autonomus.Core.Tenancy.FixedTenantContext(Northwind), null, s => s.AddSingleton(TestKeys)))
            kept = (await sp.GetRequiredService<VerifyLedger>().LatestCheckpointAsync()).Checkpoint!;
        Assert.Equal(verified.EntriesChecked, kept.Sequence);

        await pg.BypassTriggersAsync("ledger_entries",
            "DELETE FROM ledger_entries WHERE tenant_id = @t AND sequence > (SELECT max(sequence) - 2 FROM ledger_entries WHERE tenant_id = @t)", ("t", Northwind));
        var cut = await VerifyAsync(Northwind);
        Assert.False(cut.Intact);
        Assert.Contains("cut off the end", cut.Message);

        // Whoever cut the chain may delete the stored checkpoints too: the one kept outside still tells.
        await pg.BypassTriggersAsync("ledger_checkpoints", "DELETE FROM ledger_checkpoints WHERE tenant_id = @t", ("t", Northwind));
        var keptCheck = await VerifyAsync(Northwind, kept: kept);
        Assert.False(keptCheck.Intact);
        Assert.Contains("the checkpoint you kept", keptCheck.Message);
        var forgedCheckpoint = kept with { Signature = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) };
        Assert.Contains("does not verify", (await VerifyAsync(Northwind, kept: forgedCheckpoint)).Message);
    }
}

public sealed class LedgerKeyRotationTests(PostgresFixture pg) : LedgerKeyTestBase(pg), IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture pg = pg;

    [Fact]
    public async Task AnHonestChainStillVerifiesAfterAKeyRotation()
    {
        var newKey = RandomNumberGenerator.GetBytes(32);
        var rotated = new LedgerKeyRing([newKey, Convert.FromBase64String(TestDatabase.LedgerKey)]);
        await WriteEntriesAsync("admin@andes.demo", 2);
        await WriteEntriesAsync("admin@andes.demo", 2, rotated);

        var result = await VerifyAsync(Andes, rotated);
        Assert.True(result.Intact, result.Message);
        Assert.Equal(2, await pg.CountAsync("SELECT count(DISTINCT key_id) FROM ledger_entries WHERE tenant_id = @t", ("t", Andes)));
        // The key matters: without the new key its entries do not verify.
        Assert.False((await VerifyAsync(Andes, TestKeys)).Intact);
    }
}
