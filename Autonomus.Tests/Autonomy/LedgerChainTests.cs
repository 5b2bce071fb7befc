using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Tests.Autonomy;

/// <summary>
/// The ledger is a per-tenant hash chain that the database keeps append-only; verification names the first entry
/// that does not hold. Tampering is done as a superuser with the append-only trigger switched off, and undone.
/// </summary>
public sealed class LedgerChainTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private const long K = 3;

    /// <summary>At least eight entries in Andes' chain: the kill switch engaged and released four times.</summary>
    private async Task<long> EntriesAsync()
    {
        await using var sp = await pg.ServicesAsAsync("admin@andes.demo");
        var killSwitch = sp.GetRequiredService<ManageKillSwitch>();
        while (await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE tenant_id = @t", ("t", Andes)) < 8)
        {
            await killSwitch.EngageAsync("ledger test");
            await killSwitch.ReleaseAsync();
        }
        return await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE tenant_id = @t", ("t", Andes));
    }

    private async Task<LedgerVerification> VerifyAsync()
    {
        await using var sp = pg.Services(Andes);
        return await sp.GetRequiredService<VerifyLedger>().HandleAsync();
    }

    private async Task<LedgerVerification> VerifyTamperedAsync(string tamper, string restore)
    {
        await EntriesAsync();
        Assert.True((await VerifyAsync()).Intact);
        // One connection for both: a tampering may keep what it removed in a temp table for its undoing.
        await using var superuser = new NpgsqlConnection(pg.SuperuserConnection());
        await superuser.OpenAsync();
        await superuser.BypassTriggersAsync("ledger_entries", tamper, ("t", Andes), ("k", K));
        try
        {
            return await VerifyAsync();
        }
        finally
        {
            await superuser.BypassTriggersAsync("ledger_entries", restore, ("t", Andes), ("k", K));
            Assert.True((await VerifyAsync()).Intact, "the test could not undo its tampering");
        }
    }

    [Fact]
    public async Task AnUntouchedChainVerifiesAsIntactCountingEveryEntry()
    {
        var count = await EntriesAsync();

        var result = await VerifyAsync();

        Assert.True(result.Intact, result.Message);
        Assert.Equal(count, result.EntriesChecked);
        Assert.Null(result.BrokenAtSequence);
    }

    [Fact]
    public async Task AnEntryWhoseDataWasAlteredIsNamedAsAltered()
    {
        await EntriesAsync();
        var original = await pg.ScalarAsync<string>("SELECT data FROM ledger_entries WHERE tenant_id = @t AND sequence = @k", ("t", Andes), ("k", K));

        var result = await VerifyTamperedAsync(
            """UPDATE ledger_entries SET data = '{"reason":"nothing to see"}' WHERE tenant_id = @t AND sequence = @k""",
            $"UPDATE ledger_entries SET data = '{original.Replace("'", "''")}' WHERE tenant_id = @t AND sequence = @k");

        Assert.False(result.Intact);
        Assert.Equal(K, result.BrokenAtSequence);
        Assert.Contains("altered", result.Message);
    }

    [Fact]
    public async Task ADeletedEntryIsReportedMissing()
    {
        var result = await VerifyTamperedAsync(
            "CREATE TEMP TABLE deleted_entry AS SELECT * FROM ledger_entries WHERE tenant_id = @t AND sequence = @k; DELETE FROM ledger_entries WHERE tenant_id = @t AND sequence = @k",
            "INSERT INTO ledger_entries SELECT * FROM deleted_entry; DROP TABLE deleted_entry");

        Assert.False(result.Intact);
        Assert.Equal(K, result.BrokenAtSequence);
        Assert.Contains("missing", result.Message);
    }

    [Fact]
    public async Task TwoSwappedEntriesBreakTheChainAtTheFirstOfThem()
    {
        const string swap = """
            UPDATE ledger_entries SET sequence = -1 WHERE tenant_id = @t AND sequence = @k;
            UPDATE ledger_entries SET sequence = @k WHERE tenant_id = @t AND sequence = @k + 1;
            UPDATE ledger_entries SET sequence = @k + 1 WHERE tenant_id = @t AND sequence = -1
            """;

        var result = await VerifyTamperedAsync(swap, swap);

        Assert.False(result.Intact);
        Assert.Equal(K, result.BrokenAtSequence);
    }

    [Fact]
    public async Task TheRuntimeRoleMayNotUpdateOrDeleteLedgerEntries()
    {
        var count = await EntriesAsync();
        await using var app = new NpgsqlConnection(pg.Db.AppConnection);
        await app.OpenAsync();
        await using (var tenant = OwnerSql.Command(app, "SELECT set_config('app.tenant_id', @t, false)", ("t", Andes.ToString()))) await tenant.ExecuteNonQueryAsync();

        foreach (var sql in new[] { "UPDATE ledger_entries SET data = '{}' WHERE tenant_id = @t", "DELETE FROM ledger_entries WHERE tenant_id = @t" })
        {
            await using var cmd = OwnerSql.Command(app, sql, ("t", Andes));
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
            Assert.Contains("permission denied", e.MessageText);
        }
        Assert.Equal(count, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE tenant_id = @t", ("t", Andes)));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task TheAppendOnlyTriggerRefusesUpdateDeleteAndTruncateEvenForTheOwner()
    {
        var count = await EntriesAsync();

        foreach (var sql in new[] { "UPDATE ledger_entries SET data = '{}' WHERE tenant_id = @t", "DELETE FROM ledger_entries WHERE tenant_id = @t", "TRUNCATE ledger_entries" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => pg.ExecuteAsync(sql, ("t", Andes)));
            Assert.Contains("append-only", e.MessageText);
        }
        Assert.Equal(count, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE tenant_id = @t", ("t", Andes)));
    }

    [Fact]
    public async Task TheLedgerIsListedForAdminsAndAuditorsButNotForManagers()
    {
        var count = await EntriesAsync();
        await using var auditor = await pg.ServicesAsAsync("auditor@andes.demo");
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo");

        var page = await auditor.GetRequiredService<LedgerQueries>().ListAsync(new LedgerFilter(), new PageRequest(0, 5));

        Assert.Equal(count, page.TotalCount);
        Assert.Equal(count, page.Items[0].Sequence);
        await Assert.ThrowsAsync<AccessDenied>(() => manager.GetRequiredService<LedgerQueries>().ListAsync(new LedgerFilter(), new PageRequest()));
    }
}
