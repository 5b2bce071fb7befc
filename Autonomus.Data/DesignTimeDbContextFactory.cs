using Microsoft.Extensions.DependencyInjection;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Autonomus.Data;

/// <summary>For <c>dotnet ef migrations add</c>: builds the model without a running app or database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AutonomusDbContext>
{
    public AutonomusDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AutonomusDbContext>();
        DataServiceCollectionExtensions.ConfigureOptions(options, "Host=127.0.0.1;Database=autonomus_design");
        return new AutonomusDbContext(options.Options, new FixedTenantContext(null), TimeProvider.System);
    }
}
