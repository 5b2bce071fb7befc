using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Data.Tenancy;

/// <summary>
/// The sign-in path of <see cref="ITenantDirectory"/>: SECURITY DEFINER functions (migration IdentityRowLevelSecurity)
/// that return tenant ids only. Chosen over a separate login role because one connection string and one pool serve
/// the app, and a function cannot be talked into returning more than its signature allows.
/// </summary>
internal sealed class TenantDirectory(DbContextOptions<AutonomusDbContext> options, TimeProvider clock) : ITenantDirectory
{
    public async Task<Guid?> TenantOfLoginAsync(string normalizedLogin, CancellationToken ct = default)
    {
        await using var db = Open();
        return await db.Database.SqlQuery<Guid?>($"SELECT auth_tenant_of_login({normalizedLogin}) AS \"Value\"").SingleAsync(ct);
    }

    public async Task<Guid?> TenantOfUserAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = Open();
        return await db.Database.SqlQuery<Guid?>($"SELECT auth_tenant_of_user({userId}) AS \"Value\"").SingleAsync(ct);
    }

    public async Task<IReadOnlyList<Guid>> AllTenantsAsync(CancellationToken ct = default)
    {
        await using var db = Open();
        return await db.Database.SqlQuery<Guid>($"SELECT t AS \"Value\" FROM app_tenant_ids() AS t").ToListAsync(ct);
    }

    private AutonomusDbContext Open() => new(options, new FixedTenantContext(null), clock);
}
