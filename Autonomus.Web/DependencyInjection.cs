using Autonomus.Core.Tenancy;
using Autonomus.Data;
using Autonomus.Web.Components.Account;
using Autonomus.Web.Diagnostics;
using Autonomus.Web.Tenancy;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Autonomus.Web.Localization;

namespace Microsoft.Extensions.DependencyInjection;

public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 10_000;
            o.SnackbarConfiguration.PreventDuplicates = false;
        });
        services.AddConsoleLocalization();
        services.AddHttpContextAccessor();

        services.AddSingleton<Autonomus.Web.Diagnostics.PrometheusMetrics>();
        services.AddScoped<CurrentUserTenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<CurrentUserTenantContext>());
        services.AddSingleton<Autonomus.Data.Tenancy.IAuthenticatorKeyProtector, AuthenticatorKeyProtector>();
        services.AddScoped<CircuitHandler, TenantCircuitHandler>();

        // Alerts: every node LISTENs to the database and passes what it hears to its hub clients and circuits.
        services.AddSignalR();
        services.AddSingleton<Autonomus.Web.Alerts.AlertBus>();
        services.AddScoped<Autonomus.Web.Alerts.AlertInbox>();
        services.AddSingleton<Autonomus.Web.Alerts.AlertListener>();
        services.AddHostedService(sp => sp.GetRequiredService<Autonomus.Web.Alerts.AlertListener>());
        services.AddSingleton<Autonomus.Web.Alerts.HubSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<Autonomus.Web.Alerts.HubSessions>());
        services.AddScoped<Autonomus.Web.Health.NodeHealth>();

        // Secure whenever the request is HTTPS (directly or through a trusted proxy); plain http://127.0.0.1 keeps working.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        // One scheme per request, chosen by the credential it carries (UseSingleCredential refuses two): never a merged identity.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SingleCredential.SelectorScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(SingleCredential.SelectorScheme, "The request's one credential",
                o => o.ForwardDefaultSelector = context => Autonomus.Web.Authentication.Credentials.SchemeFor(context.Request))
            .AddIdentityCookies();
        services.AddOptions<SessionPolicy>().BindConfiguration("Autonomus:Sessions");
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionPolicy>, TimeProvider>((o, session, clock) =>
            {
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/AccessDenied";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                SessionLifetime.Configure(o, session.Value, clock);
            });
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SessionPolicy>>((o, session) => o.ValidationInterval = session.Value.Revalidation);
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AutonomusDbContext>()
            .AddTenantUserStore()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>();

        // Everything requires a signed-in user unless it says otherwise (sign-in page, health, static files).
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        Policies.Add(authorization);

        services.AddHealthChecks().AddDbContextCheck<AutonomusDbContext>("database", tags: [HealthEndpoints.ReadyTag]);
        services.AddHostedService<DatabaseReachability>();
        return services;
    }
}
