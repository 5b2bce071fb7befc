using System.Diagnostics;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Agents.LeadIntelligence.Scoring;

/// <summary>
/// Trains the organisation's lead-score model on its own closed leads (converted against unqualified): the oldest four
/// fifths by when the outcome was known train a model whose AUC on the newest fifth is reported beside the hand score's on
/// the same leads; the model in use is then trained on them all. Too few outcomes, or one outcome only, is a failed
/// training with the reason: the last good model stays in use. Every training is on the ledger.
/// </summary>
public sealed class TrainLeadScore(ICrmDbFactory dbFactory, ITenantContext tenant, LedgerWriter ledger, TimeProvider clock, ILogger<TrainLeadScore> logger)
{
    public async Task<LeadScoreModel> HandleAsync(CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A model is trained for one organisation at a time.");
        await using var db = await dbFactory.OpenAsync(ct);
        var settings = await AutonomySettingsReader.ReadAsync(db, tenantId, ct);
        var rows = (await LeadFeatures.ClosedAsync(db, tenantId, ct)).OrderBy(r => r.At).ThenBy(r => r.Id).ToList();
        var version = (await db.LeadScoreModels.MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
        var now = clock.GetUtcNow();
        var model = Train(tenantId, version, now, rows, settings.LeadScoreMinOutcomes);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.LeadScoreModels.Add(model);
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(db, tenantId,
        [
            new LedgerDraft(LedgerKinds.ModelTrained, "agent", null, AgentNames.LeadIntelligence, "model", tenantId, Guid.CreateVersion7(),
                CanonicalJson.Serialize(new
                {
                    model = "lead_score", model.Version, model.Succeeded, model.Failure, train_rows = model.TrainRows, test_rows = model.TestRows,
                    auc = model.Auc, hand_auc = model.HandAuc,
                })),
        ], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (model.Succeeded)
            logger.LogInformation("Lead score v{Version} for tenant {Tenant}: AUC {Auc} (hand score {HandAuc}) on {TestRows} held-out leads, trained in {Seconds} s",
                version, tenantId, model.Auc, model.HandAuc, model.TestRows, model.TrainingSeconds);
        else logger.LogWarning("Lead score v{Version} for tenant {Tenant} not trained: {Reason}", version, tenantId, model.Failure);
        return model;
    }

    /// <summary>The training itself, on rows ordered by when their outcome was known (no database: the benchmark calls it too).</summary>
    public static LeadScoreModel Train(Guid tenantId, int version, DateTimeOffset now, IReadOnlyList<LeadFeatureRow> rows, int minOutcomes)
    {
        var converted = rows.Count(r => r.Label);
        if (rows.Count < minOutcomes)
            return LeadScoreModel.Failed(tenantId, version, now, rows.Count,
                $"Only {rows.Count} closed leads (converted or unqualified); the model needs {minOutcomes}. Until then the hand score is shown.");
        if (converted == 0 || converted == rows.Count)
            return LeadScoreModel.Failed(tenantId, version, now, rows.Count,
                $"All {rows.Count} closed leads ended the same way ({(converted == 0 ? "unqualified" : "converted")}); the model needs both outcomes.");
        var cut = (int)(rows.Count * 0.8);
        var (train, test) = (rows.Take(cut).ToList(), rows.Skip(cut).ToList());
        if (test.All(r => r.Label) || test.All(r => !r.Label) || train.All(r => r.Label) || train.All(r => !r.Label))
            return LeadScoreModel.Failed(tenantId, version, now, rows.Count, "The newest fifth of the outcomes, held out to measure the model, has only one outcome.");

        var started = Stopwatch.GetTimestamp();
        var ml = LeadScoreTrainer.NewContext();
        var heldOut = LeadScoreTrainer.Predict(ml, LeadScoreTrainer.Train(ml, train), test);
        var labels = test.Select(r => r.Label).ToList();
        var auc = Auc.Of(heldOut.Select(p => (double)p).ToList(), labels);
        var handAuc = Auc.Of(test.Select(r => (double)r.HandScore).ToList(), labels);
        var final = LeadScoreTrainer.Train(ml, rows);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return LeadScoreModel.Trained(tenantId, version, now, train.Count, test.Count, auc, handAuc, seconds, LeadScoreTrainer.Save(ml, final),
            LeadScoreFactors.Learn(rows));
    }
}
