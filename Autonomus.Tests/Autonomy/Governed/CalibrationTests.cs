using Autonomus.Core.Agents;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Crm;
using Autonomus.Core.Triggers;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy.Governed;

/// <summary>
/// Calibration learns from human outcomes: on a history from an overconfident engine, what the queue shows is within five
/// points of what people in fact accepted in every decile with 50 or more decisions; with no history it is "not calibrated".
/// </summary>
public sealed class CalibrationTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));
    private const string Engine = "llm:test-model@prompt-v1";

    [Fact]
    public async Task OnAnOverconfidentEnginesHistoryEveryWellFilledDecileIsWithinFivePoints()
    {
        // Confidence spread over 0.30–1.00, people accept as if it were its square (0.9 → 81%, 0.5 → 25%).
        await DecisionHistory.SeedAsync(pg.Db.OwnerConnection, Governance.Andes,
            [new HistorySpec(AgentNames.DealStrategy, TriggerTypes.OpportunityHot, "create_activity", RecordType.Deal, Engine, 3000, 0, 0.1, 1, [],
                AcceptAt: c => (double)(c * c) - 0.05, ConfidenceFrom: 0.3m)], _clock.GetUtcNow(), seed: 7);
        await pg.RefreshAndEvaluateAsync(_clock);

        await using var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock);
        var table = (await manager.GetRequiredService<AutonomyQueries>().CalibrationAsync(AgentNames.DealStrategy))
            .Single(c => c.Action == "create_activity" && c.Engine == Engine);
        // What people did, per decile, straight from the decided suggestions (accepted = 1, edited = ½, rejected = 0).
        var observed = (await pg.RowsAsync("""
            SELECT least(floor(confidence * 10)::int, 9) AS bin, count(*) AS n,
                   avg(CASE WHEN status = 'Applied' AND edited_payload IS NULL THEN 1.0 WHEN status = 'Applied' THEN 0.5 ELSE 0 END) AS rate
            FROM suggestions WHERE engine = @e AND status IN ('Applied', 'Rejected') GROUP BY 1
            """, ("e", Engine))).ToDictionary(r => (int)r["bin"]!, r => (N: (long)r["n"]!, Rate: (decimal)r["rate"]!));

        var checkedBins = 0;
        foreach (var row in table.Bins.Where(b => b.Samples >= 50))
        {
            Assert.Equal(observed[row.Bin].N, row.Samples);
            Assert.InRange(row.Calibrated - observed[row.Bin].Rate, -0.05m, 0.05m);
            checkedBins++;
        }
        Assert.True(checkedBins >= 6, $"only {checkedBins} deciles had 50 decisions");
        Assert.True(table.RawError > 0.1m, $"the engine's own confidence should be off by more than 10 points (ECE {table.RawError})");
        Assert.True(table.CalibratedError < 0.03m, $"calibrated ECE {table.CalibratedError}");
    }

    [Fact]
    public async Task WithNoHistoryTheRawConfidenceStandsAsNotCalibratedAndWithHistoryTheNewSuggestionIsCalibrated()
    {
        Assert.Null(new Calibration([]).Calibrate(0.82m));
        await pg.SetPolicyAsync(Autonomus.Core.Policies.PolicyRules.Default);
        var (_, fresh) = await pg.StagnantLeadSuggestionAsync(_clock);
        Assert.True(await pg.ScalarAsync<bool>("SELECT calibrated_confidence IS NULL FROM suggestions WHERE id = @id", ("id", fresh)));

        // Half of the lead follow-ups at 0.82 were accepted: the next one shows about 50%, not 82%.
        await DecisionHistory.SeedAsync(pg.Db.OwnerConnection, Governance.Andes,
            [new HistorySpec(AgentNames.LeadIntelligence, TriggerTypes.LeadStagnant, Governance.FollowUp, RecordType.Lead, "playbook:lead_stagnant@1", 200, 0.5, 0, 0.5, [0.82m])],
            _clock.GetUtcNow(), seed: 11);
        await pg.RefreshAndEvaluateAsync(_clock);
        var (_, next) = await pg.StagnantLeadSuggestionAsync(_clock);
        var row = (await pg.RowsAsync("SELECT confidence, calibrated_confidence FROM suggestions WHERE id = @id", ("id", next))).Single();
        Assert.Equal(0.82m, row["confidence"]);
        Assert.InRange((decimal)row["calibrated_confidence"]!, 0.42m, 0.58m);
    }
}
