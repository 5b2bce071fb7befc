using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Leads;
using Autonomus.Core.History;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Autonomus.Tests.History;

/// <summary>
/// A record's history over real HTTP (newest first, by field and actor type, names resolved, personal data masked for an
/// Auditor, nothing for someone who cannot see the record), the record as it was at a moment, and the feed: a subscriber
/// reads what completed transactions wrote, in order, resumes after a restart, and never loses an event committed late.
/// </summary>
public sealed class HistoryTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;

    /// <summary>A lead created ten days ago by the admin and changed twice since (company five days ago, email two days ago).</summary>
    private async Task<(Guid Lead, DateTimeOffset Now)> LeadWithAHistoryAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now.AddDays(-10));
        Guid lead;
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo", clock))
        {
            lead = await admin.GetRequiredService<SaveLead>().CreateAsync(new LeadInput
            {
                FirstName = "Paula", LastName = "Riquelme", Company = "Frutícola Maule", Email = "paula@fruticola.cl", Source = LeadSource.Event, Score = 40,
            });
            foreach (var (daysAgo, change) in new (int, Action<LeadInput>)[] { (5, i => i.Company = "Frutícola del Maule SpA"), (2, i => i.Email = "p.riquelme@fruticola.cl") })
            {
                clock.SetUtcNow(now.AddDays(-daysAgo));
                var detail = (await admin.GetRequiredService<LeadQueries>().GetAsync(lead))!;
                var input = LeadInput.From(detail);
                change(input);
                await admin.GetRequiredService<SaveLead>().UpdateAsync(lead, detail.Version, input);
            }
        }
        return (lead, now);
    }

    [Fact]
    public async Task TheHistoryIsNewestFirstFilteredNamedAndMaskedForAnAuditor()
    {
        var (lead, _) = await LeadWithAHistoryAsync();
        await using var app = new AppFactory(pg.Db.AppConnection);
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");

        var all = await (await manager.GetAsync($"/api/v1/leads/{lead}/history")).Content.ReadFromJsonAsync<JsonElement>();
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["updated", "updated", "created"], items.Select(i => i.GetProperty("operation").GetString()));
        Assert.All(items, i => Assert.Equal("Carolina Muñoz", i.GetProperty("actorName").GetString()));
        var email = items[0].GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(("email", "paula@fruticola.cl", "p.riquelme@fruticola.cl"),
            (email.GetProperty("field").GetString(), email.GetProperty("old").GetString(), email.GetProperty("new").GetString()));

        var byStatus = await (await manager.GetAsync($"/api/v1/leads/{lead}/history?field=company")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, byStatus.GetProperty("items").GetArrayLength()); // its creation set it too
        var bySystem = await (await manager.GetAsync($"/api/v1/leads/{lead}/history?actorType=system")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, bySystem.GetProperty("items").GetArrayLength());

        var auditor = await ApiClient.AsUserAsync(app, pg, "auditor@andes.demo");
        var masked = await (await auditor.GetAsync($"/api/v1/leads/{lead}/history?field=email&take=1")).Content.ReadFromJsonAsync<JsonElement>();
        var seen = masked.GetProperty("items")[0].GetProperty("changes")[0];
        Assert.Equal(("p***@fruticola.cl", "p***@fruticola.cl"), (seen.GetProperty("old").GetString(), seen.GetProperty("new").GetString()));

        var rep = await ApiClient.AsUserAsync(app, pg, "rep2@andes.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/api/v1/leads/{lead}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/api/v1/leads/{lead}?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-3).ToString("O"))}")).StatusCode);
    }

    [Fact]
    public async Task AsOfAMomentTheRecordIsAsItWasThenBeforeItExistedIsNotFoundAndTheFutureIsNow()
    {
        var (lead, now) = await LeadWithAHistoryAsync();
        await using var app = new AppFactory(pg.Db.AppConnection);
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        async Task<JsonElement> AsOf(DateTimeOffset at) =>
            await (await manager.GetAsync($"/api/v1/leads/{lead}?asOf={Uri.EscapeDataString(at.ToString("O"))}")).Content.ReadFromJsonAsync<JsonElement>();

        var lastWeek = await AsOf(now.AddDays(-7));
        Assert.Equal(("Frutícola Maule", "paula@fruticola.cl", 1),
            (lastWeek.GetProperty("fields").GetProperty("company").GetString(), lastWeek.GetProperty("fields").GetProperty("email").GetString(), lastWeek.GetProperty("version").GetInt32()));
        var threeDaysAgo = await AsOf(now.AddDays(-3));
        Assert.Equal(("Frutícola del Maule SpA", "paula@fruticola.cl"),
            (threeDaysAgo.GetProperty("fields").GetProperty("company").GetString(), threeDaysAgo.GetProperty("fields").GetProperty("email").GetString()));
        var future = await AsOf(now.AddDays(30));
        Assert.Equal("p.riquelme@fruticola.cl", future.GetProperty("fields").GetProperty("email").GetString());

        var before = await manager.GetAsync($"/api/v1/leads/{lead}?asOf={Uri.EscapeDataString(now.AddDays(-11).ToString("O"))}");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains("did not exist yet", (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync($"/api/v1/leads/{lead}?asOf=last-tuesday")).StatusCode);
    }

    private async Task<IReadOnlyList<ChangeEvent>> ReadAsync(string consumer, int max = 500)
    {
        await using var system = pg.Services(Andes);
        return await system.GetRequiredService<ChangeFeed>().ReadAsync(consumer, max);
    }

    private async Task AcknowledgeAsync(string consumer, long position)
    {
        await using var system = pg.Services(Andes);
        await system.GetRequiredService<ChangeFeed>().AcknowledgeAsync(consumer, position);
    }

    private async Task<NpgsqlConnection> RuntimeAsync()
    {
        var connection = new NpgsqlConnection(pg.Db.AppConnection);
        await connection.OpenAsync();
        await using var set = new NpgsqlCommand($"SET app.tenant_id = '{Andes}'", connection);
        await set.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task ExecAsync(NpgsqlConnection c, string sql, NpgsqlTransaction? tx = null)
    {
        await using var command = new NpgsqlCommand(sql, c, tx);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task ASubscriberGetsEveryEventOnceItsTransactionEndedInOrderAndResumesWhereItAcknowledged()
    {
        const string Consumer = "test-subscriber";
        var records = new CrmRecords(pg, Andes);
        var (first, second) = (await records.LeadAsync(DateTimeOffset.UtcNow), await records.LeadAsync(DateTimeOffset.UtcNow));
        // Everything before this point (the seed, the two creations) is read and acknowledged first.
        for (var batch = await ReadAsync(Consumer, 1_000); batch.Count > 0; batch = await ReadAsync(Consumer, 1_000))
            await AcknowledgeAsync(Consumer, batch[^1].Position);

        // A transaction writes the first lead and stays open; another writes the second and commits.
        await using var slow = await RuntimeAsync();
        await using var slowTx = await slow.BeginTransactionAsync();
        await ExecAsync(slow, $"UPDATE leads SET company = 'Slow SpA', version = version + 1 WHERE id = '{first}'", slowTx);
        await using (var fast = await RuntimeAsync())
            await ExecAsync(fast, $"UPDATE leads SET company = 'Fast SpA', version = version + 1 WHERE id = '{second}'");
        // The committed event waits: placing it now would let the open one, written earlier, come after a place already read.
        Assert.Empty(await ReadAsync(Consumer));
        await slowTx.CommitAsync();

        // Placed once every transaction older than theirs has ended — in the whole cluster, so other tests' running
        // transactions can hold them back a moment (late, never lost).
        var events = await ReadAsync(Consumer);
        for (var waited = 0; events.Count < 2 && waited < 150; waited++)
        {
            await Task.Delay(100);
            events = await ReadAsync(Consumer);
        }
        Assert.Equal([first, second], events.Select(e => e.RecordId));
        Assert.True(events[0].Position < events[1].Position);

        // Read but not acknowledged: delivered again (at least once); acknowledged one at a time, it resumes after it.
        await AcknowledgeAsync(Consumer, events[0].Position);
        Assert.Equal([second], (await ReadAsync(Consumer)).Select(e => e.RecordId));
        await AcknowledgeAsync(Consumer, events[1].Position);
        Assert.Empty(await ReadAsync(Consumer));
        await AcknowledgeAsync(Consumer, events[0].Position); // never back
        Assert.Empty(await ReadAsync(Consumer));
    }

    [Fact]
    public async Task ASnapshotEveryNVersionsGivesTheSameRecordAsReplayingEveryEvent()
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(DateTimeOffset.UtcNow.AddDays(-30));
        // Whole seconds: PostgreSQL keeps microseconds, .NET ticks; a moment rounded up would fall after the one asked for.
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-20).ToUnixTimeSeconds());
        await using (var writer = await RuntimeAsync())
        {
            await ExecAsync(writer, "SET autonomus.snapshot_every = 10");
            await ExecAsync(writer, $$"""
                DO $$ BEGIN FOR i IN 1..95 LOOP
                    UPDATE leads SET company = 'Company ' || i, score = i % 100, version = version + 1,
                           updated_at = '{{start:O}}'::timestamptz + make_interval(hours => i) WHERE id = '{{lead}}';
                END LOOP; END $$;
                """);
        }
        // Versions 10, 20, … 90 (the lead was created at version 1).
        Assert.Equal(9, await pg.CountAsync("SELECT count(*) FROM change_snapshots WHERE record_id = @id", ("id", lead)));

        await using var system = pg.Services(Andes);
        var history = system.GetRequiredService<RecordHistory>();
        foreach (var hours in new[] { 5, 9, 10, 47, 89, 95 })
        {
            var at = start.AddHours(hours);
            var fast = (await history.AsOfAsync(RecordType.Lead, lead, at))!;
            var slow = (await history.AsOfAsync(RecordType.Lead, lead, at, fromSnapshot: false))!;
            Assert.Equal(JsonSerializer.Serialize(slow.Fields), JsonSerializer.Serialize(fast.Fields));
            Assert.Equal((1 + hours, $"Company {hours}"), (fast.Version, fast.Fields["company"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task AsOfIsAlwaysAPrefixOfTheHistoryEvenWhenWritersClocksDisagree()
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(DateTimeOffset.UtcNow.AddDays(-30));
        var t0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-10).ToUnixTimeSeconds());
        await using (var writer = await RuntimeAsync())
        {
            // The first change is stamped at t0 + 2h; the second, written after it by a writer whose clock is behind, t0 + 1h.
            await ExecAsync(writer, $"UPDATE leads SET company = 'First', version = version + 1, updated_at = '{t0.AddHours(2):O}' WHERE id = '{lead}'");
            await ExecAsync(writer, $"UPDATE leads SET email = 'second@example.cl', version = version + 1, updated_at = '{t0.AddHours(1):O}' WHERE id = '{lead}'");
        }
        await using var system = pg.Services(Andes);
        var history = system.GetRequiredService<RecordHistory>();
        // At t0 + 1h30 the second change (stamped 1h) had happened, so the first, written before it, had too.
        var between = (await history.AsOfAsync(RecordType.Lead, lead, t0.AddMinutes(90)))!;
        Assert.Equal(("First", "second@example.cl"), (between.Fields["company"]!.GetValue<string>(), between.Fields["email"]!.GetValue<string>()));
        var before = (await history.AsOfAsync(RecordType.Lead, lead, t0.AddMinutes(30)))!;
        Assert.NotEqual("First", before.Fields.GetValueOrDefault("company")?.GetValue<string>());
        Assert.False(before.Fields.ContainsKey("email") && before.Fields["email"]!.GetValue<string>() == "second@example.cl");
    }
}
