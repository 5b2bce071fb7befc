using Autonomus.Core.Tenancy;
using Autonomus.Tests.Infrastructure;
using Autonomus.Web.Tenancy;
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
        // A Radzen chart measures itself through JS when first rendered; loose mode's default (null) would fail it.
        ctx.JSInterop.Setup<Radzen.Blazor.Rendering.Rect>("Radzen.createChart", _ => true)
            .SetResult(new Radzen.Blazor.Rendering.Rect { Width = 600, Height = 300 });
        ctx.Services.AddRadzenComponents();
        ctx.Services.AddLogging();
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
}
