using System.Security.Claims;
using Autonomus.Core.Agents.Compliance.Access;
using Autonomus.Core.Tenancy;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Authentication;

/// <summary>
/// After a person signs in — in the console (a new cookie session) or for an API token — the country of the request's
/// address (behind a known proxy, the forwarded client's) is given to Compliance &amp; Security (<see cref="WatchSignIns"/>)
/// when a GeoIP source is configured. A failure here is logged and never fails the sign-in.
/// </summary>
public static class SignInCountries
{
    public const string Section = "Autonomus:GeoIp:CountriesCsv";

    public static IServiceCollection AddSignInCountries(this IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration[Section];
        // Loaded once at start: a malformed source stops the app with the line at fault rather than silently watching nothing.
        services.AddSingleton(string.IsNullOrWhiteSpace(path) ? GeoIpCountries.None : GeoIpCountries.Load(path));
        return services;
    }

    public static Task WatchAsync(HttpContext http, ClaimsPrincipal principal)
    {
        var tenant = Guid.TryParse(principal.FindFirstValue(TenantClaimTypes.TenantId), out var t) ? t : (Guid?)null;
        var user = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var u) ? u : (Guid?)null;
        return tenant is { } tenantId && user is { } userId ? WatchAsync(http, tenantId, userId) : Task.CompletedTask;
    }

    public static async Task WatchAsync(HttpContext http, Guid tenantId, Guid userId)
    {
        var services = http.RequestServices;
        if (services.GetRequiredService<GeoIpCountries>().CountryOf(http.Connection.RemoteIpAddress) is not { } country) return;
        try
        {
            services.GetRequiredService<CurrentUserTenantContext>().UseTenantBeforeSignIn(tenantId);
            await services.GetRequiredService<WatchSignIns>().HandleAsync(userId, country, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services.GetRequiredService<ILogger<WatchSignIns>>().LogError(e, "The sign-in country of user {User} could not be recorded", userId);
        }
    }
}
