using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Agents.Prediction;

/// <summary>
/// Trains an organisation's model of one kind on its own closed records (<see cref="Prediction{TRow}.Train"/>) and keeps
/// the training, failed or not, with the next version of that kind; a failed one leaves the last good model in use.
/// Every training is on the ledger.
/// </summary>
public sealed class TrainPrediction(ICrmDbFactory dbFactory, ITenantContext tenant, LedgerWriter ledger, TimeProvider clock, ILogger<TrainPrediction> logger)
{
    public async Task<PredictionModel> HandleAsync(IPrediction prediction, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A model is trained for one organisation at a time.");
        await using var db = await dbFactory.OpenAsync(ct);
        var settings = await AutonomySettingsReader.ReadAsync(db, tenantId, ct);
        var version = (await db.PredictionModels.Where(m => m.Kind == prediction.Kind).MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
        var model = await prediction.TrainAsync(db, tenantId, version, clock.GetUtcNow(), prediction.MinOutcomes(settings), ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.PredictionModels.Add(model);
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(db, tenantId,
        [
            new LedgerDraft(LedgerKinds.ModelTrained, "agent", null, prediction.Agent, "model", tenantId, Guid.CreateVersion7(),
                CanonicalJson.Serialize(new
                {
                    model = prediction.Kind, model.Version, model.Succeeded, model.Failure, train_rows = model.TrainRows, test_rows = model.TestRows,
                    auc = model.Auc, hand_auc = model.HandAuc,
                })),
        ], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (model.Succeeded)
            logger.LogInformation("Model {Kind} v{Version} for tenant {Tenant}: AUC {Auc} (hand score {HandAuc}) on {TestRows} held-out records, trained in {Seconds} s",
                prediction.Kind, version, tenantId, model.Auc, model.HandAuc, model.TestRows, model.TrainingSeconds);
        else logger.LogWarning("Model {Kind} v{Version} for tenant {Tenant} not trained: {Reason}", prediction.Kind, version, tenantId, model.Failure);
        return model;
    }
}
