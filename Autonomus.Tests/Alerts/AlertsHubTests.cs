using System.Net;
using Autonomus.Core.Alerts;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Autonomus.Web.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Alerts;

/// <summary>
/// /hubs/alerts over real HTTP and WebSockets with the .NET SignalR client: signed-in people only, each hears only
/// their own organisation (and, for review work, only what their role and team may see).
/// </summary>
public sealed class AlertsHubTests(PostgresFixture pg) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private AppFactory _app = default!;
    private Uri _url = default!;

    public async Task InitializeAsync()
    {
        _app = new AppFactory(pg.Db.AppConnection);
        _url = _app.StartKestrel();
        await _app.Services.GetRequiredService<AlertListener>().Listening.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<AlertClient> ConnectAsAsync(string email) => AlertClient.ConnectAsAsync(_url, pg, email);

    private async Task SetKillSwitchAsync(string adminEmail, bool engage, string reason = "Testing alerts")
    {
        await using var sp = await pg.ServicesAsAsync(adminEmail);
        var control = sp.GetRequiredService<ManageKillSwitch>();
        if (engage) await control.EngageAsync(reason);
        else await control.ReleaseAsync();
    }

    [Fact]
    public async Task AClientOfTenantBHearsNothingOfTenantAsAlerts()
    {
        await using var andesAdmin = await ConnectAsAsync("admin@andes.demo");
        await using var andesRep = await ConnectAsAsync("rep1@andes.demo");
        await using var northwind = await ConnectAsAsync("admin@northwind.demo");

        await SetKillSwitchAsync("admin@andes.demo", engage: true, "Andes only");
        var heard = await andesAdmin.NextAsync(a => a.Kind == AlertKinds.KillSwitch);
        Assert.Equal(PostgresFixture.Andes, heard.Tenant);
        Assert.True(heard.Engaged);
        Assert.Equal("Andes only", heard.Reason);
        Assert.Equal("Carolina Muñoz", heard.By);
        // Everyone of the tenant hears the kill switch, reps included.
        await andesRep.NextAsync(a => a.Kind == AlertKinds.KillSwitch && a.Tenant == PostgresFixture.Andes);

        // Northwind's own alert, raised after Andes's, arrives; Andes's never did (alerts are delivered in commit order).
        await SetKillSwitchAsync("admin@northwind.demo", engage: true, "Northwind only");
        var own = await northwind.NextAsync(a => a.Kind == AlertKinds.KillSwitch);
        Assert.Equal(PostgresFixture.Northwind, own.Tenant);
        Assert.All(northwind.Drain(), a => Assert.Equal(PostgresFixture.Northwind, a.Tenant));
        await Task.Delay(500);
        Assert.DoesNotContain(andesAdmin.Drain(), a => a.Tenant == PostgresFixture.Northwind);

        await SetKillSwitchAsync("admin@andes.demo", engage: false);
        await SetKillSwitchAsync("admin@northwind.demo", engage: false);
    }

    [Fact]
    public async Task NewSuggestionsReachAdminsAndTheOwningTeamsManagerOnly()
    {
        await using var admin = await ConnectAsAsync("admin@andes.demo");
        await using var norte = await ConnectAsAsync("manager@andes.demo");
        await using var sur = await ConnectAsAsync("manager.sur@andes.demo");
        await using var rep = await ConnectAsAsync("rep1@andes.demo");
        await using var northwind = await ConnectAsAsync("admin@northwind.demo");
        var norteRep = await pg.UserIdAsync("rep1@andes.demo");
        var clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
        var lead = await new CrmRecords(pg, PostgresFixture.Andes).LeadAsync(clock.GetUtcNow().AddDays(-40), owner: norteRep);

        await pg.ConfigureAsync(PostgresFixture.Andes, s => s.MaxTriggersPerRun = 100_000); // the seeded backlog must not hide the test's lead
        var suggestion = await pg.SuggestionForAsync(PostgresFixture.Andes, clock, TriggerTypes.LeadStagnant, lead);

        var toAdmin = await admin.NextAsync(a => a.Kind == AlertKinds.SuggestionsCreated);
        Assert.Equal("Norte", toAdmin.Team);
        Assert.Equal(1, toAdmin.Count);
        var toNorte = await norte.NextAsync(a => a.Kind == AlertKinds.SuggestionsCreated);
        Assert.Equal(toAdmin.Count, toNorte.Count);
        if (await pg.ScalarAsync<int>("SELECT priority FROM suggestions WHERE id = @id", ("id", suggestion)) == (int)SuggestionPriority.High)
            Assert.Equal(suggestion, Assert.Single(toNorte.ItemsOrEmpty).Id);
        else
            Assert.Empty(toNorte.ItemsOrEmpty);

        // An alert the other team's manager, a rep and another tenant must not get: a later kill switch shows their channels work.
        await SetKillSwitchAsync("admin@andes.demo", engage: true);
        await sur.NextAsync(a => a.Kind == AlertKinds.KillSwitch);
        await rep.NextAsync(a => a.Kind == AlertKinds.KillSwitch);
        Assert.DoesNotContain(sur.Received, a => a.Kind == AlertKinds.SuggestionsCreated);
        Assert.DoesNotContain(rep.Received, a => a.Kind == AlertKinds.SuggestionsCreated);
        await SetKillSwitchAsync("admin@andes.demo", engage: false);
        Assert.Empty(northwind.Drain());
    }

    [Fact]
    public async Task ABatchOfProposalsInOneTransactionArrivesAsOneAlertPerOwningTeam()
    {
        await using var admin = await ConnectAsAsync("admin@andes.demo");
        var clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
        await pg.ConfigureAsync(PostgresFixture.Andes, s => s.MaxTriggersPerRun = 40);
        await pg.DetectAsync(PostgresFixture.Andes, clock, TriggerTypes.LeadStagnant, TriggerTypes.DealDecay);
        await using var system = pg.Services(PostgresFixture.Andes, clock: clock);
        var before = (await pg.IdsAsync("SELECT id FROM suggestions")).ToArray();

        var created = await system.GetRequiredService<ProposeSuggestions>().HandleAsync(max: 30);

        // What the batch created, team by team, by SQL; the hub folded the row-by-row announcements into one per team.
        var teams = await pg.RowsAsync("""
            SELECT record_owner_team(tenant_id, record_type, record_id) AS team, count(*)::int AS n FROM suggestions
            WHERE tenant_id = @t AND id <> ALL(@before) GROUP BY 1
            """, ("t", PostgresFixture.Andes), ("before", before));
        Assert.True(created > 1, $"{created} suggestions");
        Assert.Equal(created, teams.Sum(t => (int)t["n"]!));
        var alerts = new List<Alert>();
        while (alerts.Sum(a => a.Count) < created)
            alerts.Add(await admin.NextAsync(a => a.Kind == AlertKinds.SuggestionsCreated));
        Assert.Equal(teams.Count, alerts.Count);
        Assert.Equal(teams.ToDictionary(t => t["team"] as string ?? "", t => (int)t["n"]!), alerts.ToDictionary(a => a.Team ?? "", a => a.Count));
    }

    [Fact]
    public async Task OnConnectingAReviewerGetsThePendingCountTheyMaySee()
    {
        await using var sp = await pg.ServicesAsAsync("manager@andes.demo");
        var expected = await sp.GetRequiredService<SuggestionQueries>().CountPendingAsync();
        await using var norte = await ConnectAsAsync("manager@andes.demo");
        Assert.Equal(expected, await norte.PendingOnConnect.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AnUnauthenticatedConnectionIsRefused()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => AlertClient.ConnectAsync(_url, accessToken: null));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var forged = await Assert.ThrowsAsync<HttpRequestException>(() => AlertClient.ConnectAsync(_url, accessToken: "not-a-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task AfterTheNodesDatabaseConnectionDropsAlertsFlowAgain()
    {
        await using var admin = await ConnectAsAsync("admin@andes.demo");
        var before = await ListenerPidAsync();
        Assert.NotNull(before);
        await using (var superuser = new Npgsql.NpgsqlConnection(pg.SuperuserConnection()))
        {
            await superuser.OpenAsync();
            await using var kill = new Npgsql.NpgsqlCommand($"SELECT pg_terminate_backend({before})", superuser);
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        // The listener reconnects within its back-off; an alert committed a moment later still arrives.
        for (var i = 0; i < 100 && await ListenerPidAsync() is var now && (now is null || now == before); i++) await Task.Delay(100);
        Assert.NotEqual(before, await ListenerPidAsync());
        await SetKillSwitchAsync("admin@andes.demo", engage: true, "After the drop");
        Assert.Equal("After the drop", (await admin.NextAsync(a => a.Kind == AlertKinds.KillSwitch, TimeSpan.FromSeconds(15))).Reason);
        await SetKillSwitchAsync("admin@andes.demo", engage: false);

        // The node counts what it heard and that it had to reconnect (for /metrics).
        using var http = new HttpClient { BaseAddress = _url };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("autonomus_alerts_reconnects_total 1\n", metrics);
        Assert.Contains("autonomus_alerts_received_total{kind=\"kill_switch\"}", metrics);
    }

    [Fact]
    public async Task AForgedNotifyIsIgnoredAndAlertNotifyAnnouncesOnlyForTheTransactionsTenant()
    {
        await using var admin = await ConnectAsAsync("admin@andes.demo");
        var forged = new Alert(AlertKinds.KillSwitch, PostgresFixture.Andes, Engaged: true, Reason: "Forged").ToJson();
        await using (var runtime = new Npgsql.NpgsqlConnection(pg.Db.AppConnection))
        {
            await runtime.OpenAsync();
            // With the runtime role's own credentials: raw NOTIFY, unsigned and with a made-up signature.
            foreach (var payload in new[] { forged, new string('a', 64) + "." + forged })
            {
                await using var notify = new Npgsql.NpgsqlCommand("SELECT pg_notify('autonomus_alerts', @p)", runtime);
                notify.Parameters.AddWithValue("p", payload);
                await notify.ExecuteNonQueryAsync();
            }
            // Through alert_notify, but for another tenant than the transaction's.
            await using var other = new Npgsql.NpgsqlCommand($"SELECT set_config('app.tenant_id', '{PostgresFixture.Northwind}', false); SELECT alert_notify(@a::jsonb)", runtime);
            other.Parameters.AddWithValue("a", forged);
            await other.ExecuteNonQueryAsync();
        }

        await SetKillSwitchAsync("admin@andes.demo", engage: true, "Real");
        // Notifications arrive in commit order: had a forged one been believed, it would have come first.
        Assert.Equal("Real", (await admin.NextAsync(a => a.Kind == AlertKinds.KillSwitch, TimeSpan.FromSeconds(15))).Reason);
        await SetKillSwitchAsync("admin@andes.demo", engage: false);
    }

    private async Task<int?> ListenerPidAsync()
    {
        // As a superuser: other roles' sessions are not all visible to the owner.
        await using var superuser = new Npgsql.NpgsqlConnection(pg.SuperuserConnection());
        await superuser.OpenAsync();
        await using var find = new Npgsql.NpgsqlCommand(
            $"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{AlertListener.ApplicationName}'", superuser);
        var pids = new List<int>();
        await using (var reader = await find.ExecuteReaderAsync())
            while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        return pids.Count == 1 ? pids[0] : null;
    }
}
