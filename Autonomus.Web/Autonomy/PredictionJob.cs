using Autonomus.Core.Agents;
using Autonomus.Core.Agents.Prediction;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>
/// Per organisation, for each agent's model (lead score, win probability): retrain it when its last training is older than
/// the retrain interval (nightly by default; a failed one waits as long), and score the open records with the latest good
/// model; then recompute the accounts' health for Customer Risk (the day's row; earlier days are the history).
/// </summary>
[DisallowConcurrentExecution]
public sealed class PredictionJob(TenantScopes tenants, AutonomyOptions options, TimeProvider clock) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default) =>
        new(tenants.ForEachTenantAsync("predictions", async (services, _) =>
        {
            foreach (var prediction in AgentCatalogue.Predictions)
            {
                DateTimeOffset? last;
                await using (var db = await services.GetRequiredService<ICrmDbFactory>().OpenAsync(ct))
                    last = await db.PredictionModels.Where(m => m.Kind == prediction.Kind).MaxAsync(m => (DateTimeOffset?)m.TrainedAt, ct);
                if (last is null || clock.GetUtcNow() - last > TimeSpan.FromHours(options.ModelRetrainHours))
                    await services.GetRequiredService<TrainPrediction>().HandleAsync(prediction, ct);
                await services.GetRequiredService<ScorePrediction>().HandleAsync(prediction, ct);
            }
            await services.GetRequiredService<Autonomus.Core.Agents.CustomerRisk.Health.RefreshAccountHealth>().HandleAsync(ct);
        }, ct));
}
