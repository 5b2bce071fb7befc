using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Autonomus.Web.Tenancy;

/// <summary>
/// Session rules on top of the sliding 30-minute cookie: a session ends 12 hours after sign-in whatever the
/// activity, and the security stamp is re-checked every minute, so a password or MFA change, a disabled
/// user or "sign out everywhere" ends the user's other sessions within a minute.
/// </summary>
public sealed class SessionPolicy
{
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
    public TimeSpan Revalidation { get; set; } = TimeSpan.FromMinutes(1);
}

internal static class SessionLifetime
{
    private const string SignedInAtKey = "autonomus:signed_in_at";

    public static void Configure(CookieAuthenticationOptions cookie, SessionPolicy session, TimeProvider clock)
    {
        cookie.ExpireTimeSpan = session.IdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.Events.OnSigningIn = async context =>
        {
            // Kept through sliding renewals and refreshes: only a new sign-in starts a new 12 hours.
            var isNew = context.Properties.Items.TryAdd(SignedInAtKey, clock.GetUtcNow().ToUnixTimeSeconds().ToString());
            // The browser speaks the person's language from now on (a previous person's choice on this browser does not stick).
            if (context.Principal?.FindFirst(Autonomus.Core.Tenancy.TenantClaimTypes.Culture)?.Value is { } culture)
                Localization.ConsoleLocalization.RememberCulture(context.Response, culture);
            if (isNew && context.Principal is { } principal) await Authentication.SignInCountries.WatchAsync(context.HttpContext, principal);
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            if (context.Properties.Items.TryGetValue(SignedInAtKey, out var value) && long.TryParse(value, out var seconds)
                && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > session.AbsoluteLifetime)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        };
    }
}
