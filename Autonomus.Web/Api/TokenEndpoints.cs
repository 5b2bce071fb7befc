using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Tenancy;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Autonomus.Web.Api;

public sealed record TokenRequest([Required, EmailAddress, StringLength(254)] string Email, [Required, StringLength(128)] string Password, [Required, StringLength(8)] string Code);

public sealed record RefreshRequest([Required] string RefreshToken);

/// <summary>
/// Bearer tokens for people: password plus authenticator code (MFA is mandatory here too), counted toward
/// lockout like the sign-in page; refresh tokens are re-checked against the security stamp, so a changed
/// password or "sign out everywhere" also ends API sessions.
/// </summary>
internal static class TokenEndpoints
{
    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication").AllowAnonymous();

        auth.MapPost("/token", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (TokenRequest request, SignInManager<AppUser> signIn) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.Email, request.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.RequiresTwoFactor)
                result = await signIn.TwoFactorAuthenticatorSignInAsync(request.Code.Replace(" ", ""), isPersistent: false, rememberClient: false);
            else if (result.Succeeded)
                result = SignInResult.Failed; // an account without MFA gets no token: it must enrol first
            // The sign-in wrote the token response; failures say nothing about which part was wrong.
            return result.Succeeded
                ? TypedResults.Empty
                : TypedResults.Problem(title: result.IsLockedOut ? "Locked out." : "Invalid credentials.", statusCode: StatusCodes.Status401Unauthorized);
        });

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, ChallengeHttpResult>> (
            RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock) =>
        {
            var ticket = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
                return TypedResults.Challenge();
            return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        });
    }
}
