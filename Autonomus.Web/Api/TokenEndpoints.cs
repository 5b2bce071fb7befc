using Autonomus.Core.Sessions;
using Autonomus.Core.Tenancy;
using Autonomus.Web.Authentication;
using Autonomus.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Autonomus.Web.Api;

public sealed record TokenRequest(string? Email, string? Password, string? Code);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>The answer to a sign-in or refresh: a short-lived signed access token and the next single-use refresh token.</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);

/// <summary>
/// Tokens for people: password plus authenticator code (MFA is mandatory here too), counted toward lockout like the
/// sign-in page. Nothing is issued to an account without an authenticator. Refresh tokens rotate on every use, and a
/// spent one presented again revokes its family (<see cref="RefreshTokens"/>).
/// </summary>
internal static class TokenEndpoints
{
    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication").AllowAnonymous().RequireRateLimiting(Microsoft.Extensions.DependencyInjection.ApiSetup.SignInPolicy)
            .AddEndpointFilter(RefuseOtherCredentials);
        auth.MapPost("/token", IssueAsync);
        auth.MapPost("/refresh", RefreshAsync);
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        TokenRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn, AccessTokens access, RefreshTokens refresh,
        SignInThrottle throttle, IOptions<JwtSettings> settings, HttpContext http, CancellationToken ct)
    {
        var missing = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email)) missing["email"] = ["The email is required."];
        if (string.IsNullOrEmpty(request.Password)) missing["password"] = ["The password is required."];
        if (string.IsNullOrWhiteSpace(request.Code)) missing["code"] = ["The authenticator code is required (6 digits from the authenticator app)."];
        if (missing.Count > 0) return TypedResults.ValidationProblem(missing, title: "The request has invalid fields.");

        if (request.Email!.Length > 254) return Invalid();
        if (!throttle.TryAttempt(request.Email))
            return TypedResults.Problem(title: "Too many attempts.", detail: SignInThrottle.TooManyForAccount, statusCode: StatusCodes.Status429TooManyRequests);
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            // As long as a wrong password for an account that exists: the answer's timing tells nobody which emails have one.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownAccountHash.Value, request.Password!);
            return Invalid();
        }
        var password = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        if (password.IsLockedOut) return TypedResults.Problem(title: "Locked out.", detail: "Too many failed attempts; try again later.", statusCode: StatusCodes.Status401Unauthorized);
        if (!password.Succeeded) return Invalid();
        if (!user.TwoFactorEnabled)
            return TypedResults.Problem(title: "Two-factor sign-in is required.",
                detail: "Enrol an authenticator app in the console first (Account → Security); tokens are issued only with a code.",
                statusCode: StatusCodes.Status403Forbidden);
        var code = request.Code!.Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user)
                ? TypedResults.Problem(title: "Locked out.", detail: "Too many failed attempts; try again later.", statusCode: StatusCodes.Status401Unauthorized)
                : Invalid();
        }
        await users.ResetAccessFailedCountAsync(user);
        await SignInCountries.WatchAsync(http, user.TenantId, user.Id);
        var issued = await refresh.IssueAsync(user.TenantId, user.Id, SecurityStampHash.Of(user.SecurityStamp), settings.Value.RefreshTokenLifetime, ct);
        return TypedResults.Ok(Respond(access.Issue(user, await users.GetRolesAsync(user)), issued, settings.Value));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, RefreshTokens refresh, UserManager<AppUser> users, AccessTokens access, CurrentUserTenantContext tenant,
        IOptions<JwtSettings> settings, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["The refresh token is required."] },
                title: "The request has invalid fields.");
        if (await refresh.RedeemAsync(request.RefreshToken, settings.Value.RefreshTokenLifetime, ct) is not { } redeemed)
            return TypedResults.Problem(title: "This refresh token is not valid.", detail: "Sign in again with password and code.", statusCode: StatusCodes.Status401Unauthorized);
        tenant.UseTenantBeforeSignIn(redeemed.TenantId);
        var user = await users.FindByIdAsync(redeemed.UserId.ToString());
        if (user is null) return TypedResults.Problem(title: "This refresh token is not valid.", statusCode: StatusCodes.Status401Unauthorized);
        return TypedResults.Ok(Respond(access.Issue(user, await users.GetRolesAsync(user)), redeemed.Next, settings.Value));
    }

    /// <summary>
    /// Signing in and refreshing take their credential from the body alone: a request that also carries a token, a key or
    /// the console's cookie is refused before anything is checked or spent (a refresh token must not be used up by a
    /// request that then fails, or the client's retry would look like theft and revoke the family).
    /// </summary>
    private static async ValueTask<object?> RefuseOtherCredentials(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Credentials.Presented(context.HttpContext.Request).Count > 0
            ? TypedResults.Problem(title: "Send no other credential here.",
                detail: "Sign-in and refresh take the email, password and code, or the refresh token, in the body; remove the Authorization header, API key or cookie.",
                statusCode: StatusCodes.Status400BadRequest)
            : await next(context);

    private static TokenResponse Respond(AccessTokens.Issued token, RefreshTokenIssued refresh, JwtSettings settings) =>
        new("Bearer", token.Token, (int)settings.AccessTokenLifetime.TotalSeconds, refresh.Token, refresh.ExpiresAt);

    private static readonly Lazy<string> UnknownAccountHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    // Failures say nothing about which part was wrong.
    private static ProblemHttpResult Invalid() => TypedResults.Problem(title: "Invalid credentials.", statusCode: StatusCodes.Status401Unauthorized);
}
