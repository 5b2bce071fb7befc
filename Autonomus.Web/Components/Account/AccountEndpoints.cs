using Autonomus.Core.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.AspNetCore.Builder;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST (with antiforgery, from the header's form), never a link that a page could trigger.</summary>
    public static void MapAccountEndpoints(this WebApplication app) =>
        app.MapPost("/Account/Logout", async Task<IResult> (HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] SignInManager<AppUser> signInManager) =>
        {
            // No form field is bound here, so the token is checked explicitly: a cross-site post cannot sign anyone out.
            if (!await antiforgery.IsRequestValidAsync(context))
                return TypedResults.Problem(title: "This sign-out form has expired. Reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
}
