using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Data;

internal sealed class CrmDbFactory(IDbContextFactory<AutonomusDbContext> factory, DbContextOptions<AutonomusDbContext> options, TimeProvider clock) : ICrmDbFactory
{
    public async Task<ICrmDb> OpenAsync(CancellationToken ct = default) => await factory.CreateDbContextAsync(ct);

    public Task<ICrmDb> OpenAsTenantAsync(Guid tenantId, CancellationToken ct = default) =>
        Task.FromResult<ICrmDb>(new AutonomusDbContext(options, new FixedTenantContext(tenantId), clock));
}
