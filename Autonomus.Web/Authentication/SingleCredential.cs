using Autonomus.Web.Authentication;

namespace Microsoft.AspNetCore.Builder;

public static class SingleCredential
{
    /// <summary>The scheme that forwards each request to the one handler its credential calls for (<see cref="Credentials.SchemeFor"/>).</summary>
    public const string SelectorScheme = "Autonomus.Credential";

    /// <summary>
    /// Before authentication: a request that carries more than one credential (cookie and bearer token, bearer token and
    /// API key, two keys…) is refused with a 401 that says so. Identities are never merged: the tenant, user, roles and
    /// scope of a request all come from its one credential.
    /// </summary>
    public static IApplicationBuilder UseSingleCredential(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var presented = Credentials.Presented(context.Request);
            if (presented.Count > 1 || Credentials.RepeatsOne(context.Request))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Results.Problem(
                    title: "More than one credential.",
                    detail: $"This request carries {string.Join(" and ", presented.Select(Describe))}. Send exactly one: a bearer token or an API key for the API, the console's sign-in cookie or a bearer token for the hub.",
                    statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    private static string Describe(CredentialKind kind) => kind switch
    {
        CredentialKind.Cookie => "a sign-in cookie",
        CredentialKind.Bearer => "an Authorization header",
        _ => "an API key",
    };
}
