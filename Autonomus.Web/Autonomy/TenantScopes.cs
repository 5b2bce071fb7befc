using Autonomus.Core.Alerts;
using Autonomus.Core.Crm;
using Autonomus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>
/// Runs background work once per tenant, each in its own DI scope acting as that tenant's system. A tenant's failure
/// alerts that tenant's Admins and does not stop the others; the job then fails as a whole (the health panel shows it)
/// without naming any tenant's details.
/// </summary>
public sealed class TenantScopes(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TenantScopes> logger)
{
    /// <summary>A job failing every minute alerts a tenant's Admins once an hour, not every run.</summary>
    private static readonly TimeSpan RepeatAlertsAfter = TimeSpan.FromHours(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Job, Guid Tenant), DateTimeOffset> _alerted = new();

    public async Task ForEachTenantAsync(string job, Func<IServiceProvider, Guid, Task> work, CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // With no tenant set the runtime role sees no tenant row: the list comes through the database's narrow path.
            tenants = [.. await scope.ServiceProvider.GetRequiredService<Autonomus.Core.Tenancy.ITenantDirectory>().AllTenantsAsync(ct)];
        }
        var failed = 0;
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
                failed++;
                await AlertAdminsAsync(scope.ServiceProvider, job, tenant, ct);
            }
        }
        // Tenant-neutral on purpose: the health panel shows it to every tenant's Admins.
        if (failed > 0) throw new JobExecutionException($"{job} failed for some organisations; the server log has the details.");
    }

    private async Task AlertAdminsAsync(IServiceProvider services, string job, Guid tenant, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_alerted.TryGetValue((job, tenant), out var last) && now - last < RepeatAlertsAfter) return;
        _alerted[(job, tenant)] = now;
        try
        {
            await using var db = await services.GetRequiredService<ICrmDbFactory>().OpenAsync(ct);
            await AlertNotifier.NotifyAsync(db, new Alert(AlertKinds.JobFailed, tenant, Job: job,
                Reason: "failed for your organisation; the next run retries", At: now), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not alert the Admins of tenant {Tenant} about {Job}", tenant, job);
        }
    }
}
