using Autonomus.Core.Localization;
using Autonomus.Core.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.AspNetCore.Builder;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST (with antiforgery, from the header's form), never a link that a page could trigger.</summary>
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/Account/Logout", async Task<IResult> (HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] SignInManager<AppUser> signInManager) =>
        {
            // No form field is bound here, so the token is checked explicitly: a cross-site post cannot sign anyone out.
            if (!await antiforgery.IsRequestValidAsync(context))
                return TypedResults.Problem(title: "This sign-out form has expired. Reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });

        // The profile menu's language and theme switch: stored on the person, then the sign-in is refreshed so the
        // new choice is on their cookie (and the culture cookie) for the page it returns to.
        app.MapPost("/Account/Preferences", async Task<IResult> (HttpContext context, [FromForm] PreferencesForm form,
            [FromServices] UserManager<AppUser> users, [FromServices] SignInManager<AppUser> signIn) =>
        {
            if (await users.GetUserAsync(context.User) is not { } user) return TypedResults.Unauthorized();
            if (form.Culture is { Length: > 0 } culture)
            {
                if (UiCultures.Normalise(culture) is not { } supported)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["culture"] = [$"The console speaks {string.Join(" and ", UiCultures.All)}."] });
                user.PreferredCulture = supported;
            }
            if (form.Theme is { Length: > 0 } theme)
            {
                if (!UiThemes.All.Contains(theme))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["theme"] = [$"A theme is one of {string.Join(", ", UiThemes.All)}."] });
                user.Theme = theme;
            }
            var saved = await users.UpdateAsync(user);
            if (!saved.Succeeded) return TypedResults.Problem(title: "Your preferences could not be saved. Try again.", statusCode: StatusCodes.Status409Conflict);
            await signIn.RefreshSignInAsync(user);
            return TypedResults.LocalRedirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "~/");
        }).RequireAuthorization();
    }

    /// <summary>The profile menu's form: each field is optional (a form changes the language or the theme).</summary>
    public sealed class PreferencesForm
    {
        public string? Culture { get; set; }
        public string? Theme { get; set; }
        public string? ReturnUrl { get; set; }
    }

    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] != '/' && url[1] != '\\');
}
