using Autonomus.Core.Tenancy;
using Autonomus.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace Autonomus.Tests.Web.Components;

/// <summary>A bUnit context whose components talk to the real test database as one tenant's user.</summary>
public static class ComponentTestContext
{
    public static BunitContext Create(PostgresFixture pg, Guid tenantId)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddRadzenComponents();
        ctx.Services.AddLogging();
        ctx.Services.AddCore();
        ctx.Services.AddSingleton<ITenantContext>(new FixedTenantContext(tenantId));
        ctx.Services.AddData(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Autonomus"] = pg.Db.AppConnection })
            .Build());
        // Last: touching the renderer freezes the service collection. The pages render their live (interactive) markup.
        ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return ctx;
    }
}
