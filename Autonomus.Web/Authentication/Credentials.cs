using Microsoft.AspNetCore.Identity;

namespace Autonomus.Web.Authentication;

/// <summary>The kinds of credential a request can carry. A request is served as exactly one of them.</summary>
public enum CredentialKind
{
    Cookie,
    Bearer,
    ApiKey,
}

/// <summary>Reads which credentials a request presents, without judging whether they are valid.</summary>
public static class Credentials
{
    public const string ApiKeyHeader = "X-Api-Key";
    /// <summary>The console's sign-in cookie (Identity's application scheme); large tickets are chunked under the same base name.</summary>
    public const string CookieName = ".AspNetCore." + "Identity.Application";

    public static IReadOnlyList<CredentialKind> Presented(HttpRequest request)
    {
        var kinds = new List<CredentialKind>(1);
        if (request.Cookies.ContainsKey(CookieName)) kinds.Add(CredentialKind.Cookie);
        // Any Authorization header counts (Basic included): it is a credential this request chose to send.
        if (request.Headers.Authorization.Count > 0 || IsHubRequest(request) && request.Query.ContainsKey("access_token"))
            kinds.Add(CredentialKind.Bearer);
        if (request.Headers.ContainsKey(ApiKeyHeader)) kinds.Add(CredentialKind.ApiKey);
        return kinds;
    }

    /// <summary>Two Authorization headers, or two keys, are two credentials too.</summary>
    public static bool RepeatsOne(HttpRequest request) =>
        request.Headers.Authorization.Count > 1 || request.Headers[ApiKeyHeader].Count > 1 || request.Query["access_token"].Count > 1;

    public static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static bool IsHubRequest(HttpRequest request) => request.Path.StartsWithSegments("/hubs");

    /// <summary>
    /// The one scheme that authenticates this request. The API takes a bearer token or an API key (never the cookie);
    /// the hub a bearer token or the cookie; the console only its cookie. With nothing to offer, the API and the hub
    /// fall to the bearer scheme, whose challenge is a bare 401 rather than a redirect to the sign-in page.
    /// </summary>
    public static string SchemeFor(HttpRequest request)
    {
        var presented = Presented(request);
        if (IsApiRequest(request))
            return presented.Contains(CredentialKind.ApiKey) ? ApiKeyAuthentication.SchemeName : JwtSetup.Scheme;
        if (IsHubRequest(request))
            return presented.Contains(CredentialKind.Cookie) && !presented.Contains(CredentialKind.Bearer)
                ? IdentityConstants.ApplicationScheme : JwtSetup.Scheme;
        return IdentityConstants.ApplicationScheme;
    }
}
