using Autonomus.Core.Alerts;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>Alerts reviewers, once per suggestion, when one has waited longer than the tenant's review SLA.</summary>
[DisallowConcurrentExecution]
public sealed class WatchReviewSlaJob(TenantScopes tenants) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default) =>
        new(tenants.ForEachTenantAsync("watch review SLA", (services, _) => services.GetRequiredService<WatchReviewSla>().HandleAsync(ct), ct));
}
