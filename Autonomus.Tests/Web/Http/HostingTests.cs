using System.Net;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Web.Http;

public sealed class HostingTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static HttpClient Client(AppFactory app) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task ReadyIsHealthyWhenTheDatabaseAnswers()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var response = await Client(app).GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadyIsUnhealthyAndLiveStaysUpWhenTheDatabaseIsUnreachable()
    {
        await using var app = new AppFactory("Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=x;Timeout=2");
        var client = Client(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task AWellFormedCorrelationIdIsEchoedAndAMalformedOneReplaced()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = Client(app);
        var good = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { { "X-Correlation-Id", "support-ticket-42" } } };
        Assert.Equal("support-ticket-42", (await client.SendAsync(good)).Headers.GetValues("X-Correlation-Id").Single());
        var bad = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        bad.Headers.TryAddWithoutValidation("X-Correlation-Id", "<script>alert(1)</script>");
        var replaced = (await client.SendAsync(bad)).Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", replaced);
    }

    [Theory]
    [InlineData("/leads")]
    [InlineData("/deals/board")]
    [InlineData("/")]
    public async Task EveryPageSendsASignedOutVisitorToSignIn(string path)
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var response = await Client(app).GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task TheSignInPageIsOpenToEveryone()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var response = await Client(app).GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign in", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/health/live")]
    [InlineData("/leads")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var response = await Client(app).GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("Host=db;Database=autonomus;Username=app;Password=postgres")]
    [InlineData("Host=db;Database=autonomus;Username=app")]
    public void ProductionRefusesToStartWithAMissingOrDefaultDatabasePassword(string connection)
    {
        using var app = new AppFactory(connection, environment: "Production");
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Refusing to start in Production", e.ToString());
    }
}
