using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Autonomus.Web.Health;

/// <summary>
/// The scheduler's state in /health/ready on a node that runs it: a node whose scheduler stopped or stands by does no
/// detection, so a load balancer should know. (Quartz.AspNetCore 4.7.3 has no health check of its own to use here.)
/// </summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return scheduler.Status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("The scheduler is running.")
            : HealthCheckResult.Unhealthy($"The scheduler is {scheduler.Status}.");
    }
}
