using Autonomus.Core.Autonomy;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>
/// Per organisation: rebuild the calibration from the latest human outcomes, offer the actions that earned autonomy to the
/// Admins and demote those that lost it, then let the Automation Optimizer recommend what the same outcomes suggest.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EarnAutonomyJob(TenantScopes tenants) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default) =>
        new(tenants.ForEachTenantAsync("earn autonomy", async (services, _) =>
        {
            await services.GetRequiredService<RefreshCalibration>().HandleAsync(ct);
            await services.GetRequiredService<EarnedAutonomy>().EvaluateAsync(ct);
            await services.GetRequiredService<Autonomus.Core.Agents.AutomationOptimizer.RecommendAgentChanges>().HandleAsync(ct);
        }, ct));
}
