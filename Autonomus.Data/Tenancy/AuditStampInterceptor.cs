using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Autonomus.Data.Tenancy;

/// <summary>
/// Stamps what the application must not be trusted to set by hand: the tenant of new rows, created and
/// updated times (from <see cref="TimeProvider"/>), and the version that guards concurrent edits.
/// Refuses to write a tenant-owned row outside the current tenant.
/// </summary>
internal sealed class AuditStampInterceptor(ITenantContext tenant, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        var now = clock.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            if (entry.Entity is ITenantOwned owned and not AppUser) GuardTenant(entry, owned);

            if (entry.Entity is not CrmRecord record) continue;
            if (entry.State == EntityState.Added)
            {
                record.CreatedAt = now;
                record.UpdatedAt = now;
                record.Version = 1;
            }
            else
            {
                record.UpdatedAt = now;
                record.Version = entry.Property(nameof(CrmRecord.Version)).OriginalValue is int v ? v + 1 : record.Version + 1;
            }
        }
    }

    private void GuardTenant(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, ITenantOwned owned)
    {
        if (tenant.TenantId is not { } current)
            throw new InvalidOperationException($"Refusing to save a {entry.Entity.GetType().Name}: no tenant is set for this operation.");
        var property = entry.Property(nameof(ITenantOwned.TenantId));
        if (entry.State == EntityState.Added && owned.TenantId == Guid.Empty)
            property.CurrentValue = current;
        else if (owned.TenantId != current)
            throw new InvalidOperationException($"Refusing to save a {entry.Entity.GetType().Name} of another tenant.");
    }
}
