using Autonomus.Core.History.Consistency;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>
/// Rebuilds a sample of every tenant's records from their change events and compares them with the tables
/// (<see cref="CheckHistoryConsistency"/>): a difference is on the ledger and in front of the Admins.
/// </summary>
[DisallowConcurrentExecution]
public sealed class HistoryConsistencyJob(TenantScopes tenants) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default) =>
        new(tenants.ForEachTenantAsync("check history", (services, _) =>
            services.GetRequiredService<CheckHistoryConsistency>().HandleAsync(ct: ct), ct));
}
