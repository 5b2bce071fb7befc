using Autonomus.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.AspNetCore.Builder;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST (with antiforgery, from the header's form), never a link that a page could trigger.</summary>
    public static void MapAccountEndpoints(this WebApplication app) =>
        app.MapPost("/Account/Logout", async ([FromServices] SignInManager<AppUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
}
