using Autonomus.Core.Crm;
using Autonomus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Web.Autonomy;

/// <summary>Runs background work once per tenant, each in its own DI scope acting as that tenant's system.</summary>
public sealed class TenantScopes(IServiceScopeFactory scopes, ILogger<TenantScopes> logger)
{
    public async Task ForEachTenantAsync(string job, Func<IServiceProvider, Guid, Task> work, CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<ICrmDbFactory>().OpenAsync(ct);
            tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Id).ToListAsync(ct);
        }
        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserTenantContext>().RunAsSystem(tenant);
            try
            {
                await work(scope.ServiceProvider, tenant);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One tenant's failure must not starve the others; the job reports it and the next run retries.
                logger.LogError(e, "{Job} failed for tenant {Tenant}", job, tenant);
            }
        }
    }
}
