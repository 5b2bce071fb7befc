using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Users;

/// <summary>Users of the current tenant, for owner pickers. Users are not query-filtered (sign-in must find them), so the tenant is applied here.</summary>
public sealed class UserDirectory(ICrmDbFactory dbFactory, ITenantContext tenant)
{
    public async Task<IReadOnlyList<OwnerOption>> ListOwnersAsync(CancellationToken ct = default)
    {
        if (tenant.TenantId is not { } tenantId) return [];
        await using var db = await dbFactory.OpenAsync(ct);
        return await db.Users.Where(u => u.TenantId == tenantId)
            .OrderBy(u => u.DisplayName)
            .Select(u => new OwnerOption(u.Id, u.DisplayName, u.Team))
            .ToListAsync(ct);
    }
}
