using System.Net;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Web.Security;

/// <summary>
/// ./dev up serves Production on plain http://127.0.0.1 and must keep working; HTTPS redirection and HSTS apply once a
/// TLS-terminating proxy is configured, whose forwarded scheme is then believed (and only then).
/// </summary>
public sealed class HttpsTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static HttpClient Raw(Uri url) => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = url };

    [Fact]
    public async Task ProductionOnPlainLoopbackServesWithoutRedirectOrHsts()
    {
        await using var app = new AppFactory(pg.Db.AppConnection, "Production", ApiErrorTests.ProductionKeys());
        using var client = Raw(app.StartKestrel());
        var response = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));

        // Without a configured proxy, a forwarded scheme is not believed.
        var forged = new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { { "X-Forwarded-Proto", "https" } } };
        Assert.False((await client.SendAsync(forged)).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task BehindAConfiguredTlsProxyHttpIsRedirectedAndHttpsGetsHstsAndSecureCookies()
    {
        var settings = ApiErrorTests.ProductionKeys();
        settings["Autonomus:Proxy:KnownProxies:0"] = "127.0.0.1";
        await using var app = new AppFactory(pg.Db.AppConnection, "Production", settings);
        using var client = Raw(app.StartKestrel());

        var plain = new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { { "X-Forwarded-Proto", "http" } } };
        var redirected = await client.SendAsync(plain);
        Assert.True(redirected.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect,
            $"answered {(int)redirected.StatusCode}");
        Assert.Equal("https", redirected.Headers.Location!.Scheme);

        // HSTS is never sent to localhost names: the proxy forwards the public host.
        var secure = new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { { "X-Forwarded-Proto", "https" } } };
        secure.Headers.Host = "crm.example.com";
        var page = await client.SendAsync(secure);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"));
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }
}
