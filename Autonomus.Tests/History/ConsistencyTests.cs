using Autonomus.Core.Crm.Deals;
using Autonomus.Core.History.Consistency;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Tests.History;

/// <summary>
/// The consistency check rebuilds records from their change events and compares them with the tables: records written
/// through the app agree; a change made behind the capture's back (the owner switching triggers off, by hand) is caught,
/// named by record and field, put on the ledger without its values.
/// </summary>
public sealed class ConsistencyTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task RecordsWrittenThroughTheAppAgreeAndAHandMadeDifferenceIsCaught()
    {
        var account = await pg.ScalarAsync<Guid>("SELECT id FROM accounts WHERE tenant_id = @t AND archived_at IS NULL ORDER BY name LIMIT 1", ("t", PostgresFixture.Andes));
        Guid deal;
        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo"))
        {
            var save = manager.GetRequiredService<SaveDeal>();
            deal = await save.CreateAsync(new DealInput { Name = "Riego Ovalle", AccountId = account, Amount = 2_000_000, Currency = "CLP", ExpectedCloseDate = new DateOnly(2027, 3, 1) });
            var detail = (await manager.GetRequiredService<DealQueries>().GetAsync(deal))!;
            var input = DealInput.From(detail);
            input.Amount = 2_400_000;
            await save.UpdateAsync(deal, detail.Version, input);
        }
        async Task<ConsistencyReport> CheckAsync(params Guid[] ids)
        {
            await using var system = pg.Services(PostgresFixture.Andes);
            return await system.GetRequiredService<CheckHistoryConsistency>().HandleAsync(50, ids.Length == 0 ? null : ids);
        }

        var clean = await CheckAsync(deal, account);
        Assert.Equal(2, clean.Checked);
        Assert.True(clean.Consistent, string.Join("; ", clean.Differences.Select(d => $"{d.RecordType} {d.Field}: {d.FromEvents} vs {d.InTable}")));

        // Behind the capture's back: the owner switches the capture off, changes the amount and switches it on again, in one
        // transaction (nobody else ever sees it off).
        await using (var owner = new NpgsqlConnection(pg.Db.OwnerConnection))
        {
            await owner.OpenAsync();
            await using var sneak = new NpgsqlCommand("""
                BEGIN;
                ALTER TABLE deals DISABLE TRIGGER capture_change;
                UPDATE deals SET amount = 9999999 WHERE id = @d;
                ALTER TABLE deals ENABLE TRIGGER capture_change;
                COMMIT;
                """, owner);
            sneak.Parameters.AddWithValue("d", deal);
            await sneak.ExecuteNonQueryAsync();
        }
        var caught = await CheckAsync(deal, account);
        var difference = Assert.Single(caught.Differences);
        Assert.Equal(("Deal", deal, "amount"), (difference.RecordType, difference.RecordId, difference.Field));
        Assert.Equal((2_400_000m, 9_999_999m), (decimal.Parse(difference.FromEvents!, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(difference.InTable!, System.Globalization.CultureInfo.InvariantCulture)));
        var entry = await pg.ScalarAsync<string>("SELECT data FROM ledger_entries WHERE kind = 'history_inconsistent' AND tenant_id = @t ORDER BY sequence DESC LIMIT 1", ("t", PostgresFixture.Andes));
        Assert.Contains(deal.ToString(), entry);
        Assert.DoesNotContain("9999999", entry);

        // The random sample over the whole organisation runs too (the demo's records were seeded through the capture).
        var sample = await CheckAsync();
        Assert.Equal(5 * 50, sample.Checked);
        Assert.All(sample.Differences, d => Assert.Equal(deal, d.RecordId));
    }
}
