using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.Agents.DealStrategy.WinProbability;
using Autonomus.Core.Agents.Prediction;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Agents.DealStrategy;

/// <summary>
/// Deal Strategy's win probability: trained on the organisation's own won and lost deals with a time-based hold-out, it
/// ranks the newest outcomes better than the stage's probability did; it writes each open deal's probability and factors
/// without moving its version; too few closed deals is a failed training with its reason; the API reads and retrains it.
/// </summary>
public sealed class WinProbabilityTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;
    private static WinProbabilityPrediction Win => WinProbabilityPrediction.Instance;

    private async Task<PredictionModel> TrainAsync(int minOutcomes)
    {
        await pg.ConfigureAsync(Andes, s => s.DealWinMinOutcomes = minOutcomes);
        await using var system = pg.Services(Andes);
        return await system.GetRequiredService<TrainPrediction>().HandleAsync(Win);
    }

    [Fact]
    public async Task TheModelBeatsTheStageProbabilityOnTheNewestOutcomesAndScoresTheOpenDealsWithTheirFactors()
    {
        var model = await TrainAsync(100);

        Assert.True(model.Succeeded, model.Failure);
        Assert.Equal("deal_win", model.Kind);
        var closed = await pg.CountAsync("SELECT count(*) FROM deals WHERE tenant_id = @t AND stage IN ('ClosedWon', 'ClosedLost')", ("t", Andes));
        Assert.Equal(closed, model.TrainRows + model.TestRows);
        Assert.True(model.Auc > model.HandAuc, $"model AUC {model.Auc} vs stage probability {model.HandAuc}");
        Assert.True(model.Auc >= 0.65, $"model AUC {model.Auc}");

        var deal = await pg.ScalarAsync<Guid>("SELECT id FROM deals WHERE tenant_id = @t AND stage = 'Proposal' ORDER BY id LIMIT 1", ("t", Andes));
        var version = await pg.ScalarAsync<int>("SELECT version FROM deals WHERE id = @id", ("id", deal));
        await using (var system = pg.Services(Andes))
        {
            var first = await system.GetRequiredService<ScorePrediction>().HandleAsync(Win);
            Assert.True(first.Scored > 0 && first.Written == first.Scored, $"{first}");
            // Nothing changed since: every deal is scored again, none is written.
            Assert.Equal(new ScoreRun(first.Scored, 0, model.Version), await system.GetRequiredService<ScorePrediction>().HandleAsync(Win));
        }
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM deals WHERE tenant_id = @t AND stage NOT IN ('ClosedWon', 'ClosedLost') AND win_probability IS NULL", ("t", Andes)));
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM deals WHERE tenant_id = @t AND stage IN ('ClosedWon', 'ClosedLost') AND win_probability IS NOT NULL", ("t", Andes)));
        var scored = (await pg.RowsAsync("SELECT win_probability, win_factors::text AS factors, win_model_version, version FROM deals WHERE id = @id", ("id", deal))).Single();
        Assert.InRange((int)scored["win_probability"]!, 0, 100);
        Assert.Equal(model.Version, (int)scored["win_model_version"]!);
        Assert.Equal(version, (int)scored["version"]!);
        var factors = JsonDocument.Parse((string)scored["factors"]!).RootElement;
        Assert.InRange(factors.GetArrayLength(), 1, 3);
        Assert.All(factors.EnumerateArray(), f => Assert.Contains(f.GetProperty("Factor").GetString(), Win.Factors.Select(x => x.Factor)));
    }

    [Fact]
    public async Task AStalledDealThatMovedBackScoresBelowAFreshOneInTheSameStage()
    {
        Assert.True((await TrainAsync(100)).Succeeded);
        var records = new CrmRecords(pg, Andes);
        var account = await records.AccountAsync();
        var now = DateTimeOffset.UtcNow;
        var fresh = await records.DealAsync(account, "Negotiation", now.AddDays(-1), DateOnly.FromDateTime(now.AddDays(10).UtcDateTime));
        for (var i = 0; i < 6; i++) await records.ActivityAsync("Deal", fresh, type: i % 2 == 0 ? "Meeting" : "Call", completed: now.AddDays(-i - 1));
        var stalled = await records.DealAsync(account, "Negotiation", now.AddDays(-80), DateOnly.FromDateTime(now.AddDays(10).UtcDateTime));
        await records.StageChangeAsync(stalled, "Negotiation", "Proposal", now.AddDays(-120));
        await records.StageChangeAsync(stalled, "Proposal", "Negotiation", now.AddDays(-100));
        await pg.ExecuteAsync("UPDATE deals SET created_at = @at, stage_changed_at = @at WHERE id = @id", ("at", now.AddDays(-150)), ("id", stalled));

        await using (var system = pg.Services(Andes))
            await system.GetRequiredService<ScorePrediction>().HandleAsync(Win);

        var p = await pg.RowsAsync("SELECT id, win_probability FROM deals WHERE id IN (@a, @b)", ("a", fresh), ("b", stalled));
        int Of(Guid id) => (int)p.Single(r => (Guid)r["id"]! == id)["win_probability"]!;
        Assert.True(Of(fresh) > Of(stalled), $"fresh {Of(fresh)} vs stalled {Of(stalled)}");
    }

    [Fact]
    public void TooFewClosedDealsOrOneOutcomeOnlyIsAFailedTrainingWithItsReason()
    {
        var rows = Enumerable.Range(0, 150).Select(i => new DealFeatureRow { Id = Guid.NewGuid(), Stage = "Proposal", Label = true, At = DateTimeOffset.UnixEpoch.AddDays(i) }).ToList();
        var allWon = Win.Train(Andes, 1, DateTimeOffset.UtcNow, rows, minOutcomes: 100);
        Assert.Contains("ended the same way (won)", allWon.Failure);
        var few = Win.Train(Andes, 2, DateTimeOffset.UtcNow, rows.Take(40).ToList(), minOutcomes: 100);
        Assert.Contains("Only 40 closed deals (won or lost)", few.Failure);
        Assert.Null(few.Model);
    }

    [Fact]
    public async Task OverHttpAManagerReadsTheModelOnlyAnAdminRetrainsAndAnAgentWithoutAModelIsNotFound()
    {
        await pg.ConfigureAsync(Andes, s => s.DealWinMinOutcomes = 100);
        await using var app = new AppFactory(pg.Db.AppConnection);
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/v1/agents/deal_strategy/model/train", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/agents/communication/model")).StatusCode);

        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var retrained = await admin.PostAsync("/api/v1/agents/deal_strategy/model/train", null);
        Assert.Equal(HttpStatusCode.OK, retrained.StatusCode);
        var state = await (await manager.GetAsync("/api/v1/agents/deal_strategy/model")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("deal_win", state.GetProperty("kind").GetString());
        Assert.True(state.GetProperty("inUse").GetProperty("auc").GetDouble() > state.GetProperty("inUse").GetProperty("handAuc").GetDouble());
        Assert.True(state.GetProperty("scored").GetInt32() > 0);
        var version = state.GetProperty("inUse").GetProperty("version").GetInt32();
        Assert.Equal(1, await pg.CountAsync("""
            SELECT count(*) FROM ledger_entries
            WHERE kind = 'model_trained' AND data::jsonb->>'model' = 'deal_win' AND (data::jsonb->>'version')::int = @v AND actor_name = 'deal_strategy'
            """, ("v", version)));
    }
}
