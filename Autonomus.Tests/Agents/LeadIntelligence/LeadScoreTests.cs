using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.Agents.LeadIntelligence.Scoring;
using Autonomus.Core.Agents.Prediction;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Agents.LeadIntelligence;

/// <summary>
/// Lead Intelligence's model: trained on the organisation's own closed leads with a time-based hold-out, it ranks the newest
/// outcomes better than the hand score; it scores the open leads with their top factors without touching their versions;
/// a training that cannot be done says why and leaves the last good model in use.
/// </summary>
public sealed class LeadScoreTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;

    [Fact]
    public void TheAucIsTheChanceAPositiveOutranksANegative()
    {
        Assert.Equal(0.75, Auc.Of([0.1, 0.4, 0.35, 0.8], [false, false, true, true]));
        Assert.Equal(0.5, Auc.Of([3, 3, 3, 3], [true, false, true, false]));
        Assert.Equal(1.0, Auc.Of([1, 2, 90, 95], [false, false, true, true]));
    }

    [Fact]
    public void OneOutcomeOnlyOrTooFewOutcomesIsAFailedTrainingWithItsReason()
    {
        var rows = Enumerable.Range(0, 200).Select(i => new LeadFeatureRow { Id = Guid.NewGuid(), Source = "Website", Activities = i % 5, At = DateTimeOffset.UnixEpoch.AddDays(i) }).ToList();
        var same = LeadScorePrediction.Instance.Train(Andes, 1, DateTimeOffset.UtcNow, rows, minOutcomes: 100);
        Assert.False(same.Succeeded);
        Assert.Contains("ended the same way (unqualified)", same.Failure);
        var few = LeadScorePrediction.Instance.Train(Andes, 2, DateTimeOffset.UtcNow, rows.Take(20).ToList(), minOutcomes: 100);
        Assert.Contains("Only 20 closed leads", few.Failure);
        Assert.Null(few.Model);
    }

    private async Task<PredictionModel> TrainAsync(int minOutcomes)
    {
        await pg.ConfigureAsync(Andes, s => s.LeadScoreMinOutcomes = minOutcomes);
        await using var system = pg.Services(Andes);
        return await system.GetRequiredService<TrainPrediction>().HandleAsync(LeadScorePrediction.Instance);
    }

    [Fact]
    public async Task TheModelBeatsTheHandScoreOnTheNewestOutcomesAndScoresTheOpenLeadsWithTheirFactors()
    {
        var model = await TrainAsync(100);

        Assert.True(model.Succeeded, model.Failure);
        var closed = await pg.CountAsync("SELECT count(*) FROM leads WHERE tenant_id = @t AND status IN ('Converted', 'Unqualified')", ("t", Andes));
        Assert.Equal(closed, model.TrainRows + model.TestRows);
        Assert.Equal((int)(closed * 0.8), model.TrainRows);
        Assert.True(model.Auc > model.HandAuc, $"model AUC {model.Auc} vs hand score {model.HandAuc}");
        Assert.True(model.Auc >= 0.65, $"model AUC {model.Auc}");

        var lead = await pg.ScalarAsync<Guid>("SELECT id FROM leads WHERE tenant_id = @t AND status = 'New' ORDER BY id LIMIT 1", ("t", Andes));
        var version = await pg.ScalarAsync<int>("SELECT version FROM leads WHERE id = @id", ("id", lead));
        await using (var system = pg.Services(Andes))
            Assert.True((await system.GetRequiredService<ScorePrediction>().HandleAsync(LeadScorePrediction.Instance)).Scored > 0);
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM leads WHERE tenant_id = @t AND status IN ('New', 'Contacted', 'Qualified') AND predicted_score IS NULL", ("t", Andes)));
        var scored = (await pg.RowsAsync("SELECT predicted_score, score_factors::text AS factors, version FROM leads WHERE id = @id", ("id", lead))).Single();
        Assert.InRange((int)scored["predicted_score"]!, 0, 100);
        Assert.Equal(version, (int)scored["version"]!);
        var factors = JsonDocument.Parse((string)scored["factors"]!).RootElement;
        Assert.InRange(factors.GetArrayLength(), 1, 3);
        Assert.Contains(factors.EnumerateArray(), f => f.GetProperty("Factor").GetString() is "source" or "activities" or "fast_response" or "meetings" or "phone" or "email");
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'model_trained' AND data::jsonb->>'model' = 'lead_score' AND (data::jsonb->>'version')::int = @v AND (data::jsonb->>'succeeded')::bool",
            ("v", model.Version)));
    }

    [Fact]
    public async Task AFailedTrainingKeepsTheLastGoodModelInUseAndOverHttpOnlyAnAdminRetrains()
    {
        var good = await TrainAsync(100);
        var failed = await TrainAsync(100_000);
        Assert.False(failed.Succeeded);
        Assert.Contains("the model needs 100000", failed.Failure);

        await using var app = new AppFactory(pg.Db.AppConnection);
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        var state = await (await manager.GetAsync("/api/v1/agents/lead_intelligence/model")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((failed.Version, false), (state.GetProperty("latest").GetProperty("version").GetInt32(), state.GetProperty("latest").GetProperty("succeeded").GetBoolean()));
        Assert.Equal(good.Version, state.GetProperty("inUse").GetProperty("version").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/v1/agents/lead_intelligence/model/train", null)).StatusCode);
        await pg.ConfigureAsync(Andes, s => s.LeadScoreMinOutcomes = 100);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var retrained = await admin.PostAsync("/api/v1/agents/lead_intelligence/model/train", null);
        Assert.Equal(HttpStatusCode.OK, retrained.StatusCode);
        var after = await retrained.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(failed.Version + 1, after.GetProperty("inUse").GetProperty("version").GetInt32());
        Assert.True(after.GetProperty("scored").GetInt32() > 0);
    }

    [Fact]
    public async Task ALeadThatTakesOverADuplicatesActivitiesIsReScoredInTheMergesTransaction()
    {
        Assert.True((await TrainAsync(100)).Succeeded);
        await pg.ConfigureAsync(Andes, s => { s.MaxTriggersPerRun = 100_000; s.RetriggerCooldownDays = 0; });
        var records = new Autonomus.Tests.Agents.DataQuality.DataQualityRecords(pg, Andes);
        var keep = await records.LeadAsync("Renata", "Vergara", "Viñedos del Sur", "renata@vinedos.cl");
        var duplicate = await records.LeadAsync("Renata", "Vergara", "Viñedos del Sur", "RENATA@vinedos.cl");
        var crm = new CrmRecords(pg, Andes);
        for (var i = 0; i < 4; i++) await crm.ActivityAsync("Lead", duplicate, type: i % 2 == 0 ? "Meeting" : "Call", completed: DateTimeOffset.UtcNow.AddDays(-i - 1));
        var clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
        var merge = await pg.SuggestionForAsync(Andes, clock, Autonomus.Core.Agents.DataQuality.DataQualityAgent.DuplicateLead, duplicate);
        Assert.Null((await pg.RowsAsync("SELECT predicted_score FROM leads WHERE id = @id", ("id", keep))).Single()["predicted_score"]);

        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo", clock))
            Assert.Equal(Autonomus.Core.Apply.ApplyStatus.Applied,
                (await admin.GetRequiredService<Autonomus.Core.Apply.SafeApplyEngine>().ApproveAsync(new Autonomus.Core.Apply.ApprovalRequest(merge))).Status);

        var scored = (await pg.RowsAsync("SELECT predicted_score, scored_at FROM leads WHERE id = @id", ("id", keep))).Single();
        Assert.NotNull(scored["predicted_score"]);
        Assert.Equal(clock.GetUtcNow(), new DateTimeOffset((DateTime)scored["scored_at"]!, TimeSpan.Zero));
        Assert.Equal(4, await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @id", ("id", keep)));
    }
}
