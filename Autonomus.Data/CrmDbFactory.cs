using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Data;

internal sealed class CrmDbFactory(IDbContextFactory<AutonomusDbContext> factory) : ICrmDbFactory
{
    public async Task<ICrmDb> OpenAsync(CancellationToken ct = default) => await factory.CreateDbContextAsync(ct);
}
