using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>One detector's schedule: detect for every tenant, then turn the new triggers into suggestions.</summary>
[DisallowConcurrentExecution]
public sealed class DetectTriggersJob(TenantScopes tenants, ILogger<DetectTriggersJob> logger) : IJob
{
    public const string TriggerTypeKey = "trigger_type";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default)
    {
        var type = context.MergedJobDataMap.GetString(TriggerTypeKey) ?? throw new JobExecutionException("No trigger type.");
        await tenants.ForEachTenantAsync($"detect {type}", async (services, tenant) =>
        {
            var found = await services.GetRequiredService<DetectTriggers>().HandleAsync([type], ct);
            var proposed = 0;
            // Drain the tenant's unproposed triggers a batch at a time (each batch is one transaction).
            for (var batch = 0; batch < 10; batch++)
            {
                var created = await services.GetRequiredService<ProposeSuggestions>().HandleAsync(ct: ct);
                proposed += created;
                if (created == 0) break;
            }
            if (found.Values.Sum() + proposed > 0)
                logger.LogInformation("{Job}: {Trigger} found {Found}, proposed {Proposed} for {Tenant}",
                    nameof(DetectTriggersJob), type, found.Values.Sum(), proposed, tenant);
        }, ct);
    }
}
