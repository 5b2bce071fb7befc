using Autonomus.Core.Apply;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Leads;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>The review queue: scoped to the reviewer's records, filtered in SQL, aware of records that changed; rejection needs a reason.</summary>
public sealed class SuggestionQueueTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);

    /// <summary>Pending suggestions of every kind on the seeded data, proposed once for the class.</summary>
    private async Task SeededSuggestionsAsync()
    {
        if (await pg.CountAsync("SELECT count(*) FROM suggestions WHERE engine <> 'test'") > 50) return;
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 30);
        await pg.DetectAsync(Andes, _clock);
        await using var system = pg.Services(Andes, clock: _clock);
        await system.GetRequiredService<ProposeSuggestions>().HandleAsync(max: 10_000);
    }

    /// <summary>Pending suggestions whose record is owned by team Norte or by nobody, plus <paramref name="condition"/>, by SQL alone.</summary>
    private Task<List<Guid>> NorteQueueBySqlAsync(string condition = "true") => pg.IdsAsync($"""
        SELECT s.id FROM suggestions s
        JOIN (SELECT id, owner_id FROM leads UNION ALL SELECT id, owner_id FROM deals UNION ALL SELECT id, owner_id FROM contacts
              UNION ALL SELECT id, owner_id FROM accounts UNION ALL SELECT id, owner_id FROM activities) r ON r.id = s.record_id
        WHERE s.tenant_id = @t AND s.status = 'Pending' AND ({condition})
          AND (r.owner_id IS NULL OR r.owner_id IN (SELECT id FROM users WHERE tenant_id = @t AND team = 'Norte'))
        """, ("t", Andes));

    private static async Task<List<SuggestionRow>> AllPagesAsync(SuggestionQueries queries, SuggestionFilter filter)
    {
        var rows = new List<SuggestionRow>();
        while (true)
        {
            var page = await queries.ListAsync(filter, new PageRequest(rows.Count, PageRequest.MaxTake));
            rows.AddRange(page.Items);
            if (page.Items.Count == 0 || rows.Count >= page.TotalCount) return rows;
        }
    }

    private async Task<(Guid Lead, Guid Suggestion)> NorteLeadSuggestionAsync()
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(_clock.GetUtcNow().AddDays(-9), owner: await pg.UserIdAsync("rep2@andes.demo"));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        return (lead, await pg.SuggestionForAsync(Andes, _clock, TriggerTypes.LeadStagnant, lead));
    }

    [Fact]
    public async Task EveryPageOfTheDefaultOrderMatchesTheWholeQueueWhicheverEndItIsReadFrom()
    {
        await SeededSuggestionsAsync();
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo");
        var queries = admin.GetRequiredService<SuggestionQueries>();
        var whole = await AllPagesAsync(queries, new SuggestionFilter());
        Assert.True(whole.Count > 40, $"only {whole.Count} pending");
        const int size = 7;
        for (var skip = 0; skip < whole.Count + size; skip += size)
        {
            var page = await queries.ListAsync(new SuggestionFilter(), new PageRequest(skip, size));
            Assert.Equal(whole.Skip(skip).Take(size).Select(r => r.Id), page.Items.Select(r => r.Id));
            Assert.Equal(whole.Count, page.TotalCount);
        }
    }

    [Fact]
    public async Task AManagerSeesExactlyThePendingSuggestionsOnHerTeamsRecords()
    {
        await SeededSuggestionsAsync();
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo");
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo");
        var queries = manager.GetRequiredService<SuggestionQueries>();

        var rows = await AllPagesAsync(queries, new SuggestionFilter());

        var expected = await NorteQueueBySqlAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), rows.Select(r => r.Id).Order());
        Assert.Equal(expected.Count, await queries.CountPendingAsync());
        var all = await pg.CountAsync("SELECT count(*) FROM suggestions WHERE tenant_id = @t AND status = 'Pending'", ("t", Andes));
        Assert.True(expected.Count < all, "team Norte should not own every record");
        Assert.Equal(all, await admin.GetRequiredService<SuggestionQueries>().CountPendingAsync());
    }

    [Fact]
    public async Task FiltersByTriggerTypeToolAndConfidenceMatchTheSql()
    {
        await SeededSuggestionsAsync();
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo");
        var queries = manager.GetRequiredService<SuggestionQueries>();

        var stagnant = await AllPagesAsync(queries, new SuggestionFilter(TriggerType: TriggerTypes.LeadStagnant));
        var followUps = await AllPagesAsync(queries, new SuggestionFilter(Tool: "schedule_follow_up"));
        var confident = await AllPagesAsync(queries, new SuggestionFilter(MinConfidence: 0.8m));
        var narrow = await AllPagesAsync(queries, new SuggestionFilter(TriggerType: TriggerTypes.LeadStagnant, MinConfidence: 0.65m, MaxConfidence: 0.75m));

        Assert.Equal((await NorteQueueBySqlAsync("s.trigger_type = 'lead_stagnant'")).Order(), stagnant.Select(r => r.Id).Order());
        Assert.Equal((await NorteQueueBySqlAsync("s.tool = 'schedule_follow_up'")).Order(), followUps.Select(r => r.Id).Order());
        Assert.Equal((await NorteQueueBySqlAsync("s.confidence >= 0.8")).Order(), confident.Select(r => r.Id).Order());
        Assert.Equal((await NorteQueueBySqlAsync("s.trigger_type = 'lead_stagnant' AND s.confidence BETWEEN 0.65 AND 0.75")).Order(), narrow.Select(r => r.Id).Order());
        Assert.NotEmpty(stagnant);
        Assert.NotEmpty(confident);
        Assert.NotEmpty(narrow);
        Assert.True(narrow.Count < stagnant.Count);
        Assert.All(confident, r => Assert.True(r.Confidence >= 0.8m));
        Assert.True(stagnant.Count < (await AllPagesAsync(queries, new SuggestionFilter())).Count);
    }

    [Fact]
    public async Task ASuggestionIsShownStaleOnceItsRecordChanges()
    {
        var (lead, id) = await NorteLeadSuggestionAsync();
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo");
        var queries = manager.GetRequiredService<SuggestionQueries>();
        var filter = new SuggestionFilter(RecordType: RecordType.Lead, RecordId: lead);

        Assert.False(Assert.Single((await queries.ListAsync(filter, new PageRequest())).Items).IsStale);
        Assert.False((await queries.GetAsync(id))!.IsStale);

        await manager.GetRequiredService<ChangeLeadStatus>().HandleAsync(lead, 1, LeadStatus.Qualified);

        var row = Assert.Single((await queries.ListAsync(filter, new PageRequest())).Items);
        Assert.Equal(id, row.Id);
        Assert.True(row.IsStale);
        Assert.True((await queries.GetAsync(id))!.IsStale);
    }

    [Fact]
    public async Task RejectingNeedsAReasonAndRecordsItWithTheReviewer()
    {
        var (_, id) = await NorteLeadSuggestionAsync();
        var managerId = await pg.UserIdAsync("manager@andes.demo");
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock);
        var review = manager.GetRequiredService<ReviewSuggestion>();

        var withoutReason = await review.RejectAsync(id, "   ");

        Assert.Equal(ApplyStatus.Refused, withoutReason.Status);
        Assert.Contains("Say why", withoutReason.Message);
        Assert.Equal("Pending", await pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id)));

        Assert.True((await review.RejectAsync(id, "  Spoke to them yesterday ")).Succeeded);

        var row = (await pg.RowsAsync("SELECT status, review_note, reviewed_by, correlation_id, trigger_id FROM suggestions WHERE id = @id", ("id", id))).Single();
        Assert.Equal("Rejected", row["status"]);
        Assert.Equal("Spoke to them yesterday", row["review_note"]);
        Assert.Equal(managerId, row["reviewed_by"]);
        var entry = (await pg.RowsAsync("SELECT actor_id, data FROM ledger_entries WHERE correlation_id = @c AND kind = 'suggestion_rejected'",
            ("c", row["correlation_id"]!))).Single();
        Assert.Equal(managerId, entry["actor_id"]);
        Assert.Contains("Spoke to them yesterday", (string)entry["data"]!);
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM triggers WHERE id = @id AND closed_at IS NULL", ("id", row["trigger_id"]!)));
    }
}
