using Autonomus.Core.Suggestions;
using Quartz;

namespace Autonomus.Web.Autonomy;

[DisallowConcurrentExecution]
public sealed class ExpireSuggestionsJob(TenantScopes tenants) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default) =>
        new(tenants.ForEachTenantAsync("expire suggestions", async (services, _) =>
        {
            while (await services.GetRequiredService<ExpireSuggestions>().HandleAsync(ct: ct) > 0) { }
        }, ct));
}
