using System.Globalization;
using System.Security.Claims;
using Autonomus.Core.Localization;
using Autonomus.Core.Tenancy;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Autonomus.Web.Localization;

/// <summary>
/// Which language a request is answered in: <c>?culture=</c>, then the culture cookie, then the signed-in person's
/// choice (or their organisation's default) from the sign-in, then the browser's Accept-Language, then English.
/// A culture the console does not speak is skipped, so it falls through to the person's or organisation's default.
/// </summary>
public static class ConsoleLocalization
{
    public static IServiceCollection AddConsoleLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<IStringLocalizer<Strings>, ConsoleStringLocalizer>();
        services.AddTransient<MudBlazor.MudLocalizer, ConsoleMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = UiCultures.All.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(UiCultures.English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = false;
            options.FallBackToParentUICultures = false;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(context => Task.FromResult(FromSignIn(context.User))),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static IApplicationBuilder UseConsoleLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization().Use(async (context, next) =>
        {
            // An interactive page renders in its circuit, whose culture comes from the circuit's own connection (with
            // the cookie, not the page's query): so ?culture= also sets the cookie, and the live page keeps the language.
            if (UiCultures.Normalise(context.Request.Query["culture"]) is { } asked && !context.Request.Path.StartsWithSegments("/api"))
                RememberCulture(context.Response, asked);
            await next();
        });

    /// <summary>Makes the browser's culture cookie say <paramref name="culture"/> (for a year), as the language switch and sign-in do.</summary>
    public static void RememberCulture(HttpResponse response, string culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = response.HttpContext.Request.IsHttps });

    private static ProviderCultureResult? FromSignIn(ClaimsPrincipal user) =>
        UiCultures.Normalise(user.FindFirstValue(TenantClaimTypes.Culture)) is { } culture ? new ProviderCultureResult(culture) : null;
}
