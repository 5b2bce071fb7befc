using System.Net;
using Autonomus.Core.Agents;
using Autonomus.Core.Agents.Compliance.Access;
using Autonomus.Core.Alerts;
using Autonomus.Tests.Alerts;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Agents.Compliance;

/// <summary>
/// Compliance &amp; Security's watch on who reads how much: records shown over real HTTP are counted per person, added to
/// their day, and a day far above their 28-day baseline is reported once — a ledger entry and an alert to the Admins;
/// a reader within their baseline, a paused agent and the organisation's own machinery are not reported.
/// </summary>
public sealed class UnusualDataAccessTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private Task HistoryAsync(Guid user, int recordsPerDay, int days = 20) => pg.ExecuteAsync("""
        INSERT INTO data_access_days (tenant_id, actor_type, actor_id, day, records)
        SELECT @t, 'user', @u, @today - d, @n FROM generate_series(1, @days) d
        ON CONFLICT DO NOTHING
        """, ("t", Andes), ("u", user), ("today", Today), ("n", recordsPerDay), ("days", days));

    /// <summary>Reads <paramref name="pages"/> pages of 200 leads over the API as the person, then runs the watch on what the app counted.</summary>
    private static async Task ReadLeadsAsync(HttpClient client, int pages)
    {
        for (var i = 0; i < pages; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/leads?take=200&skip={i * 200}")).StatusCode);
    }

    private async Task<int> WatchAsync(AppFactory app)
    {
        var counts = app.Services.GetRequiredService<DataAccessMeter>().Drain();
        await using var system = pg.Services(Andes);
        return await system.GetRequiredService<WatchDataAccess>().HandleAsync(counts);
    }

    private Task<long> ReportsAsync(Guid user) =>
        pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'unusual_data_access' AND subject_id = @u", ("u", user));

    [Fact]
    public async Task APersonShownFarMoreThanTheirBaselineIsReportedOnceToTheAdminsAndOnTheLedger()
    {
        await pg.ConfigureAsync(Andes, s => { s.UnusualAccessFloor = 500; s.UnusualAccessMultiple = 5; });
        var manager = await pg.UserIdAsync("manager@andes.demo");
        await HistoryAsync(manager, 40);
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        await using var listener = await AlertTriggersTests.Listener.StartAsync(pg);

        await ReadLeadsAsync(client, 5);
        Assert.Equal(1, await WatchAsync(app));

        var day = (await pg.RowsAsync("SELECT records, reported_at FROM data_access_days WHERE actor_id = @u AND day = @d", ("u", manager), ("d", Today))).Single();
        Assert.True((int)day["records"]! >= 500, $"{day["records"]} records counted");
        Assert.NotNull(day["reported_at"]);
        Assert.Equal(1, await ReportsAsync(manager));
        var data = await pg.ScalarAsync<string>("SELECT data FROM ledger_entries WHERE kind = 'unusual_data_access' AND subject_id = @u", ("u", manager));
        Assert.Contains("\"baseline_average\":28.6", data); // 20 days × 40 records over 28 days
        var alert = Assert.Single(await listener.HeardAsync(TimeSpan.FromSeconds(1)), a => a.Kind == AlertKinds.UnusualDataAccess);
        Assert.Equal([AlertAudience.Admins(Andes)], AlertAudience.For(alert));
        Assert.Equal((int)day["records"]!, alert.Count);

        // More reading the same day adds to the count but is not reported again.
        await ReadLeadsAsync(client, 2);
        Assert.Equal(0, await WatchAsync(app));
        Assert.Equal(1, await ReportsAsync(manager));
    }

    [Fact]
    public async Task AReaderWithinTheirBaselineAPausedAgentAndTheSystemAreNotReported()
    {
        await pg.ConfigureAsync(Andes, s => { s.UnusualAccessFloor = 500; s.UnusualAccessMultiple = 5; });
        var admin = await pg.UserIdAsync("admin@andes.demo");
        await HistoryAsync(admin, 1_000, days: 28);
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        await ReadLeadsAsync(client, 5);
        Assert.Equal(0, await WatchAsync(app));
        Assert.Equal(0, await ReportsAsync(admin));

        // A rep with no history would be reported — unless Compliance & Security is paused; the counts are kept either way.
        var rep = await pg.UserIdAsync("rep1@andes.demo");
        await pg.ExecuteAsync("INSERT INTO agent_pauses (tenant_id, agent, action, reason, paused_by, paused_at) VALUES (@t, @a, '', 'test', @by, now())",
            ("t", Andes), ("a", AgentNames.Compliance), ("by", admin));
        try
        {
            app.Services.GetRequiredService<DataAccessMeter>().Add(Andes, "user", rep, 900);
            Assert.Equal(0, await WatchAsync(app));
            Assert.Equal(900, await pg.ScalarAsync<int>("SELECT records FROM data_access_days WHERE actor_id = @u AND day = @d", ("u", rep), ("d", Today)));
        }
        finally { await pg.ExecuteAsync("DELETE FROM agent_pauses WHERE tenant_id = @t", ("t", Andes)); }
        Assert.Equal(1, await WatchAsync(app));
        Assert.Equal(1, await ReportsAsync(rep));

        // The machinery's reads are not counted.
        await using (var system = pg.Services(Andes))
            await system.GetRequiredService<Autonomus.Core.Crm.Leads.LeadQueries>().ListAsync(new Autonomus.Core.Crm.Leads.LeadListFilter(),
                new Autonomus.Core.Common.PageRequest(0, 200));
        Assert.Empty(app.Services.GetRequiredService<DataAccessMeter>().Drain());
    }
}
