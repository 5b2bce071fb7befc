using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.ApiKeys;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autonomus.Tests.Web.Security;

/// <summary>Every new sign-in path, with its failures, logs what happened and never a password, token, key or code.</summary>
public sealed class SecretsNotLoggedTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task TokensKeysPasswordsAndCodesNeverReachTheLogs()
    {
        var logs = new LogCapture();
        await using var app = new AppFactory(pg.Db.AppConnection, settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information" },
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        var client = app.CreateClient();
        const string email = "manager@northwind.demo";
        var authenticator = await pg.AuthenticatorKeyAsync(email);

        var issued = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = TestDatabase.DemoPassword, code = Totp.Code(authenticator) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var access = issued.GetProperty("accessToken").GetString()!;
        var refresh = issued.GetProperty("refreshToken").GetString()!;
        await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh });
        await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh }); // reuse: the family is revoked, and logged
        await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Wrong-Horse-Battery-77", code = "000000" });
        await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = TestDatabase.DemoPassword, code = "000000" });

        var key = await ApiClient.IssueKeyAsync(pg, "admin@northwind.demo", ApiKeyScope.Read, "logging");
        await ApiClient.WithKey(app, key).GetAsync("/api/v1/leads?take=1");
        await ApiClient.WithKey(app, key[..^4] + "0000").GetAsync("/api/v1/leads?take=1");
        var mixed = ApiClient.WithKey(app, key);
        mixed.DefaultRequestHeaders.Authorization = new("Bearer", access);
        await mixed.GetAsync("/api/v1/leads?take=1");

        var browser = await ConsoleSignIn.SignedInClientAsync(app, pg, "rep1@northwind.demo");
        var page = await browser.GetStringAsync("/Account/Manage/EnableAuthenticator");
        await browser.PostAsync("/Account/Manage/EnableAuthenticator", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ConsoleSignIn.AntiforgeryToken(page), ["_handler"] = "confirm-authenticator",
            ["Confirm.Password"] = "Wrong-Horse-Battery-77", ["Confirm.Code"] = "123456",
        }));

        Assert.Contains(logs.Lines, l => l.Contains("revoked")); // the reuse was noticed
        foreach (var secret in new[]
                 {
                     TestDatabase.DemoPassword, "Wrong-Horse-Battery-77", access[..40], access[^30..], refresh.Split('_')[3], key.Split('_')[3], authenticator,
                 })
            Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }
}
