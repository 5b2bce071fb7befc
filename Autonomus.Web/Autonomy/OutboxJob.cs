using Autonomus.Core.Agents.Communication.Email;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>Per organisation: send the approved emails that are due (<see cref="DeliverOutbox"/>).</summary>
[DisallowConcurrentExecution]
public sealed class OutboxJob(TenantScopes tenants) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default) =>
        new(tenants.ForEachTenantAsync("deliver outbox", async (services, _) => await services.GetRequiredService<DeliverOutbox>().HandleAsync(ct), ct));
}
