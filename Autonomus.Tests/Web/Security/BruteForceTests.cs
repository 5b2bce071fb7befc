using System.Net;
using System.Net.Http.Json;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Web.Security;

/// <summary>Sign-in is throttled per account and per address, on the console and the token endpoint; refused requests count too.</summary>
public sealed class BruteForceTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static AppFactory App(PostgresFixture pg, int perAccount = 1000, int perAddress = 10000, int apiPerMinute = 120) => new(pg.Db.AppConnection,
        settings: new Dictionary<string, string>
        {
            ["Autonomus:SignIn:AttemptsPerAccount"] = perAccount.ToString(),
            ["Autonomus:SignIn:RequestsPerAddressPerMinute"] = perAddress.ToString(),
            ["Autonomus:Api:RequestsPerMinute"] = apiPerMinute.ToString(),
        });

    private static HttpClient Browser(AppFactory app) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    private static async Task<string> PostFormAsync(HttpClient client, string path, string form, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = ConsoleSignIn.AntiforgeryToken(await client.GetStringAsync(path));
        fields["_handler"] = form;
        var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task PasswordAttemptsPerAccountAreLimitedEvenWithTheRightPasswordAfterwards()
    {
        await using var app = App(pg, perAccount: 3);
        var browser = Browser(app);
        for (var i = 0; i < 3; i++)
            Assert.Contains("Invalid email or password", await PostFormAsync(browser, "/Account/Login", "login",
                new() { ["Input.Email"] = "rep4@andes.demo", ["Input.Password"] = "wrong-password-" + i }));
        var page = await PostFormAsync(browser, "/Account/Login", "login", new() { ["Input.Email"] = "rep4@andes.demo", ["Input.Password"] = TestDatabase.DemoPassword });
        Assert.Contains("Too many sign-in attempts", page);
        Assert.DoesNotContain("LoginWith2fa", page);

        // The token endpoint shares the account's budget.
        var token = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "rep4@andes.demo", password = TestDatabase.DemoPassword, code = "123456" });
        Assert.Equal(HttpStatusCode.TooManyRequests, token.StatusCode);
    }

    [Fact]
    public async Task OneAddressGetsA429PastItsSignInRequestsPerMinute()
    {
        await using var app = App(pg, perAddress: 3);
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await client.GetAsync("/Account/Login")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "x@y.z", password = "p", code = "1" })).StatusCode);
    }

    [Fact]
    public async Task AWrongRecoveryCodeCountsTowardLockout()
    {
        await using var app = App(pg);
        var browser = Browser(app);
        await PostFormAsync(browser, "/Account/Login", "login", new() { ["Input.Email"] = "manager.west@northwind.demo", ["Input.Password"] = TestDatabase.DemoPassword });
        var before = await pg.ScalarAsync<int>("SELECT access_failed_count FROM users WHERE email = 'manager.west@northwind.demo'");
        var page = await PostFormAsync(browser, "/Account/LoginWithRecoveryCode", "login-recovery", new() { ["Input.RecoveryCode"] = "NOPE1-NOPE2" });
        Assert.Contains("not valid", page);
        Assert.Equal(before + 1, await pg.ScalarAsync<int>("SELECT access_failed_count FROM users WHERE email = 'manager.west@northwind.demo'"));
        for (var i = 0; i < 5; i++)
            page = await PostFormAsync(browser, "/Account/LoginWithRecoveryCode", "login-recovery", new() { ["Input.RecoveryCode"] = $"NOPE{i}-NOPE" });
        Assert.Contains("locked", page);
        Assert.True(await pg.ScalarAsync<bool>("SELECT lockout_end > now() FROM users WHERE email = 'manager.west@northwind.demo'"));
    }

    [Fact]
    public async Task RequestsRefusedWithA401CountTowardTheApiLimit()
    {
        await using var app = App(pg, apiPerMinute: 3);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await client.GetAsync("/api/v1/leads")).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }
}
