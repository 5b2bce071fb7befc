using Autonomus.Core.Tenancy;
using Autonomus.Tests.Infrastructure;
using Autonomus.Web.Tenancy;
using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Autonomus.Tests.Web.Components;

/// <summary>A bUnit context whose components talk to the real test database as one tenant's user.</summary>
public static class ComponentTestContext
{
    public static BunitContext Create(PostgresFixture pg, Guid tenantId)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLogging();
        AddConsoleServices(ctx);
        ctx.Services.AddCore();
        ctx.Services.AddSingleton(new Autonomus.Core.Ledger.LedgerKeyRing([Convert.FromBase64String(Autonomus.Tests.Infrastructure.TestDatabase.LedgerKey)]));
        ctx.Services.AddSingleton<ITenantContext>(new FixedTenantContext(tenantId));
        ctx.Services.AddData(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Autonomus"] = pg.Db.AppConnection })
            .Build());
        // Signed in as the tenant's Admin: every policy holds, so every control renders.
        var authorization = ctx.AddAuthorization();
        authorization.SetAuthorized("admin");
        authorization.SetRoles(Roles.Admin);
        authorization.SetPolicies(Policies.ReadCrm, Policies.WriteCrm, Policies.Approve, Policies.Administer, Policies.Audit, Policies.Dashboards);
        // Last: touching the renderer freezes the service collection. The pages render their live (interactive) markup.
        ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return ctx;
    }

    /// <summary>What every console component needs: MudBlazor's services, the console's texts and the reader's time zone.</summary>
    public static void AddConsoleServices(BunitContext ctx)
    {
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizer<Autonomus.Web.Localization.Strings>, Autonomus.Web.Localization.ConsoleStringLocalizer>();
        ctx.Services.AddScoped<CurrentUserTenantContext>();
    }
}
