using Autonomus.Core.Agents.LeadIntelligence.Scoring;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>
/// Per organisation: retrain Lead Intelligence's model when the last training is older than the retrain interval (nightly by
/// default; a failed one waits as long), score the open leads with the latest good model, and recompute the accounts'
/// health for Customer Risk (the day's row; earlier days are the history).
/// </summary>
[DisallowConcurrentExecution]
public sealed class LeadScoreJob(TenantScopes tenants, AutonomyOptions options, TimeProvider clock) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default) =>
        new(tenants.ForEachTenantAsync("lead score", async (services, _) =>
        {
            DateTimeOffset? last;
            await using (var db = await services.GetRequiredService<ICrmDbFactory>().OpenAsync(ct))
                last = await db.LeadScoreModels.MaxAsync(m => (DateTimeOffset?)m.TrainedAt, ct);
            if (last is null || clock.GetUtcNow() - last > TimeSpan.FromHours(options.LeadScoreRetrainHours))
                await services.GetRequiredService<TrainLeadScore>().HandleAsync(ct);
            await services.GetRequiredService<ScoreLeads>().HandleAsync(ct);
            await services.GetRequiredService<Autonomus.Core.Agents.CustomerRisk.Health.RefreshAccountHealth>().HandleAsync(ct);
        }, ct));
}
