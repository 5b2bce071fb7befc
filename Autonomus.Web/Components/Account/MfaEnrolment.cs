using System.Security.Claims;
using Autonomus.Core.Tenancy;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Two-factor sign-in is mandatory: a user who has signed in with a password but not yet enrolled an
/// authenticator can reach only the enrolment page (and sign-out). Pages redirect there; the API answers 403.
/// </summary>
public static class MfaEnrolment
{
    public const string EnrolmentPath = "/Account/Manage/EnableAuthenticator";

    private static readonly string[] AllowedPrefixes =
        [EnrolmentPath, "/Account/Logout", "/Account/AccessDenied", "/health", "/_framework", "/_content", "/not-found"];

    public static bool IsEnrolled(ClaimsPrincipal user) => user.HasClaim(TenantClaimTypes.MfaEnrolled, "true");

    public static IApplicationBuilder UseMandatoryMfa(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.User.Identity?.IsAuthenticated != true || IsEnrolled(context.User)
                || AllowedPrefixes.Any(p => path.StartsWithSegments(p)) || Path.HasExtension(path.Value))
            {
                await next(context);
                return;
            }
            if (path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            context.Response.Redirect(EnrolmentPath);
        });
}
