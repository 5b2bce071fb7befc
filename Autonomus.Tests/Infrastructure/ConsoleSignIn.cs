using System.Text.RegularExpressions;

namespace Autonomus.Tests.Infrastructure;

/// <summary>Signs an HttpClient into the console the way a browser does: the form, its antiforgery token, then the code.</summary>
public static partial class ConsoleSignIn
{
    /// <param name="forwardedFor">The client address a proxy in front would forward (the app must trust the caller as a proxy).</param>
    public static async Task<HttpClient> SignedInClientAsync(AppFactory app, PostgresFixture pg, string email, string? forwardedFor = null)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = true, HandleCookies = true, BaseAddress = app.ClientOptions.BaseAddress,
        });
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        await PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = TestDatabase.DemoPassword });
        var landed = await PostFormAsync(client, "/Account/LoginWith2fa", "login-2fa", new() { ["Input.Code"] = Totp.Code(await pg.AuthenticatorKeyAsync(email)) });
        if (landed.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/Account/")) throw new InvalidOperationException($"Sign-in of {email} did not complete.");
        return client;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        fields["_handler"] = formName;
        var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary>The antiforgery token a server-rendered form carries.</summary>
    public static string AntiforgeryToken(string html) => Token().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
