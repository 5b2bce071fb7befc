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
        var users = db.Users.Where(u => u.TenantId == tenantId);
        // Pickers offer whom this user may assign: reps themselves, managers their team, admins anyone.
        if (!tenant.Roles.Contains(Roles.Admin) && tenant.UserId is { } me)
        {
            var team = tenant.Team;
            users = tenant.Roles.Contains(Roles.SalesManager) && team != ""
                ? users.Where(u => u.Team == team || u.Id == me)
                : users.Where(u => u.Id == me);
        }
        return await users
            .OrderBy(u => u.DisplayName)
            .Select(u => new OwnerOption(u.Id, u.DisplayName, u.Team))
            .ToListAsync(ct);
    }
}
