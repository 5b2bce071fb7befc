using Autonomus.Core.Apply;
using Autonomus.Core.Common;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>Bulk review applies a selection one suggestion at a time: a failure stops nothing else and every item reports its own outcome.</summary>
public sealed class BulkReviewTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);

    private sealed class ProgressLog : IProgress<BulkProgress>
    {
        public List<BulkProgress> Reports { get; } = [];
        public void Report(BulkProgress value) { lock (Reports) Reports.Add(value); }
    }

    /// <summary>Stagnant leads of team Norte, each with its pending follow-up suggestion.</summary>
    private async Task<List<(Guid Lead, Guid Suggestion)>> SuggestionsAsync(int count)
    {
        var records = new CrmRecords(pg, Andes);
        var reps = new[] { await pg.UserIdAsync("rep1@andes.demo"), await pg.UserIdAsync("rep2@andes.demo") };
        var leads = new List<Guid>();
        for (var i = 0; i < count; i++) leads.Add(await records.LeadAsync(_clock.GetUtcNow().AddDays(-10 - i), owner: reps[i % 2]));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        await using var system = pg.Services(Andes, clock: _clock);
        var result = new List<(Guid, Guid)>();
        foreach (var lead in leads)
        {
            var trigger = await pg.ScalarAsync<Guid>("SELECT id FROM triggers WHERE record_id = @id AND closed_at IS NULL", ("id", lead));
            await system.GetRequiredService<ProposeSuggestions>().HandleAsync(triggerId: trigger);
            result.Add((lead, await pg.ScalarAsync<Guid>("SELECT id FROM suggestions WHERE trigger_id = @t", ("t", trigger))));
        }
        return result;
    }

    [Fact]
    public async Task ApprovingEightWhereThreeCannotRunAppliesFiveAndRefusesThreeEachWithItsReasonReportingProgressEightTimes()
    {
        var items = await SuggestionsAsync(8);
        var northwindLead = await new CrmRecords(pg, PostgresFixture.Northwind).LeadAsync(_clock.GetUtcNow().AddDays(-10));
        // Three go bad between proposal and review: a payload that lost a required field, a lead converted
        // meanwhile, and a payload that points at another tenant's lead.
        await pg.ExecuteAsync("UPDATE suggestions SET payload = payload - 'subject' WHERE id = @id", ("id", items[1].Suggestion));
        await pg.ExecuteAsync("UPDATE leads SET status = 'Converted' WHERE id = @id", ("id", items[4].Lead));
        await pg.ExecuteAsync("UPDATE suggestions SET payload = jsonb_set(payload, '{recordId}', to_jsonb(@other::text)) WHERE id = @id",
            ("other", northwindLead), ("id", items[6].Suggestion));
        var progress = new ProgressLog();
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock);

        var outcomes = await manager.GetRequiredService<BulkReview>().ApproveAsync(items.Select(i => i.Suggestion).ToList(), progress);

        Assert.Equal(items.Select(i => i.Suggestion), outcomes.Select(o => o.SuggestionId));
        var bad = new Dictionary<int, string> { [1] = "subject", [4] = "converted", [6] = "not found" };
        for (var i = 0; i < items.Count; i++)
        {
            var activities = await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @id", ("id", items[i].Lead));
            var status = await pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", items[i].Suggestion));
            if (bad.TryGetValue(i, out var reason))
            {
                Assert.Contains(outcomes[i].Status, new[] { ApplyStatus.Refused, ApplyStatus.Failed });
                Assert.Contains(reason, outcomes[i].Message);
                Assert.Equal("Pending", status);
                Assert.Equal(0, activities);
            }
            else
            {
                Assert.Equal(ApplyStatus.Applied, outcomes[i].Status);
                Assert.Equal("Applied", status);
                Assert.Equal(1, activities);
            }
        }
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @id", ("id", northwindLead)));
        Assert.Equal(Enumerable.Range(1, 8), progress.Reports.Select(p => p.Done));
        Assert.All(progress.Reports, p => Assert.Equal(8, p.Total));
        Assert.Equal(outcomes, progress.Reports.Select(p => p.Latest));
        // The five applied activities are one batch (undone together if need be), and nothing else is in it.
        var leads = items.Select(i => i.Lead).ToArray();
        Assert.Equal(1, await pg.CountAsync("SELECT count(DISTINCT batch_id) FROM change_events WHERE record_type = 'Activity' AND record_id IN (SELECT id FROM activities WHERE related_id = ANY(@ids))", ("ids", leads)));
        Assert.Equal(5, await pg.CountAsync("SELECT count(*) FROM change_events WHERE batch_id = (SELECT batch_id FROM change_events WHERE record_type = 'Activity' AND record_id IN (SELECT id FROM activities WHERE related_id = ANY(@ids)) LIMIT 1)", ("ids", leads)));
    }

    [Fact]
    public async Task RejectingInBulkRejectsEachWithTheReason()
    {
        var items = await SuggestionsAsync(3);
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock);

        var outcomes = await manager.GetRequiredService<BulkReview>().RejectAsync(items.Select(i => i.Suggestion).ToList(), "Campaign paused");

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        foreach (var (_, id) in items)
            Assert.Equal("Rejected|Campaign paused", await pg.ScalarAsync<string>("SELECT status || '|' || review_note FROM suggestions WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task ASelectionOfMoreThanTwoHundredIsRefusedBeforeAnythingRuns()
    {
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock);
        var ids = Enumerable.Range(0, BulkReview.MaxSelection + 1).Select(_ => Guid.NewGuid()).ToList();

        await Assert.ThrowsAsync<DomainRuleViolation>(() => manager.GetRequiredService<BulkReview>().ApproveAsync(ids));
    }
}
