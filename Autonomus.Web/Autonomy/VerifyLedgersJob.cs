using Autonomus.Core.Ledger;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>
/// Walks every tenant's ledger chain on a schedule, so "last verified" on the health panel is recent even when nobody
/// presses Verify; a broken chain is logged as an error (the panel shows where).
/// </summary>
[DisallowConcurrentExecution]
public sealed class VerifyLedgersJob(TenantScopes tenants, ILogger<VerifyLedgersJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default) =>
        new(tenants.ForEachTenantAsync("verify ledgers", async (services, tenant) =>
        {
            var result = await services.GetRequiredService<VerifyLedger>().HandleAsync(ct: ct);
            if (!result.Intact) logger.LogError("Ledger chain of tenant {Tenant} is broken at entry {Sequence}", tenant, result.BrokenAtSequence);
        }, ct));
}
