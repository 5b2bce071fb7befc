using Autonomus.Core.Agents.Compliance.Access;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>
/// Drains this node's count of records shown (<see cref="DataAccessMeter"/>) and, per organisation that read something,
/// adds it to the daily counts and reports unusual days (<see cref="WatchDataAccess"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class DataAccessJob(TenantScopes tenants, DataAccessMeter meter) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default)
    {
        var counts = meter.Drain();
        if (counts.Count == 0) return ValueTask.CompletedTask;
        var readers = counts.Select(c => c.TenantId).ToHashSet();
        return new(tenants.ForEachTenantAsync("watch data access", async (services, tenant) =>
        {
            if (readers.Contains(tenant)) await services.GetRequiredService<WatchDataAccess>().HandleAsync(counts, ct);
        }, ct));
    }
}
