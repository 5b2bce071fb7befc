using System.Net;
using System.Net.Http.Json;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Web.Security;

/// <summary>
/// A request is served as exactly one principal. Two credentials at once (any pairing, same tenant or across tenants,
/// on the API and on the hub) are a 401 that says so, and the record is byte-identical afterwards.
/// </summary>
public sealed class SingleCredentialTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    public static TheoryData<string, string, bool> Pairings => new()
    {
        { "bearer", "key", false }, { "bearer", "key", true },
        { "cookie", "bearer", false }, { "cookie", "bearer", true },
        { "cookie", "key", false }, { "cookie", "key", true },
        { "bearer", "bearer", false }, { "key", "key", false },
    };

    [Theory]
    [MemberData(nameof(Pairings))]
    public async Task TwoCredentialsOnTheApiAreRefusedAndTheRecordIsUntouched(string first, string second, bool sameTenant)
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        // The first credential is a rep's of Andes; the second an Admin's of the target tenant (Andes or Northwind).
        var target = sameTenant ? PostgresFixture.Andes : PostgresFixture.Northwind;
        var otherAdmin = sameTenant ? "admin@andes.demo" : "admin@northwind.demo";
        var client = await TestCredentials.ClientWithAsync(app, pg, (first, "rep1@andes.demo"), (second, otherAdmin));
        var lead = await pg.ScalarAsync<Guid>("SELECT id FROM leads WHERE tenant_id = @t AND email IS NOT NULL LIMIT 1", ("t", target));
        var email = await pg.ScalarAsync<string>("SELECT email FROM leads WHERE id = @id", ("id", lead));
        var before = await RowAsync(lead);

        var read = await client.GetAsync($"/api/v1/leads/{lead}");
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        var text = await read.Content.ReadAsStringAsync();
        Assert.Contains("more than one credential", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email, text);

        var write = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/leads/{lead}") { Content = JsonContent.Create(new { firstName = "Hijacked", lastName = "Lead" }) };
        write.Headers.TryAddWithoutValidation("If-Match", $"\"{await pg.ScalarAsync<int>("SELECT version FROM leads WHERE id = @id", ("id", lead))}\"");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(write)).StatusCode);
        Assert.Equal(before, await RowAsync(lead));
    }

    [Theory]
    [InlineData("cookie", "bearer")]
    [InlineData("bearer", "key")]
    [InlineData("cookie", "key")]
    public async Task TwoCredentialsOnTheHubAreRefused(string first, string second)
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = await TestCredentials.ClientWithAsync(app, pg, (first, "manager@andes.demo"), (second, "admin@northwind.demo"));
        var response = await client.PostAsync("/hubs/alerts/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("more than one credential", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("cookie", HttpStatusCode.OK)]
    [InlineData("bearer", HttpStatusCode.OK)]
    [InlineData("key", HttpStatusCode.Unauthorized)]
    public async Task TheHubTakesTheCookieOrABearerTokenButNeverAnApiKey(string kind, HttpStatusCode expected)
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = await TestCredentials.ClientWithAsync(app, pg, (kind, "manager@andes.demo"));
        var response = await client.PostAsync("/hubs/alerts/negotiate?negotiateVersion=1", null);
        Assert.True(expected == response.StatusCode, $"{kind}: {(int)response.StatusCode} {response.Headers.Location} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task OneCredentialAloneStillWorksForEachKind()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        foreach (var kind in new[] { "bearer", "key" })
        {
            var client = await TestCredentials.ClientWithAsync(app, pg, (kind, "admin@northwind.demo"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/leads?take=1")).StatusCode);
        }
        var console = await TestCredentials.ClientWithAsync(app, pg, ("cookie", "admin@northwind.demo"));
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/leads")).StatusCode);
    }

    private Task<string> RowAsync(Guid id) => pg.ScalarAsync<string>("SELECT row_to_json(l)::text FROM leads l WHERE id = @id", ("id", id));

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost", HttpStatusCode.OK)]
    [InlineData("https://partner.example", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task TheHubAcceptsItsOwnAndConfiguredOriginsOnly(string? origin, HttpStatusCode expected)
    {
        await using var app = new AppFactory(pg.Db.AppConnection, settings: new Dictionary<string, string> { ["Autonomus:Hub:AllowedOrigins:0"] = "https://partner.example" });
        var client = await TestCredentials.ClientWithAsync(app, pg, ("cookie", "manager@andes.demo"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/alerts/negotiate?negotiateVersion=1");
        if (origin is not null) request.Headers.Add("Origin", origin);
        Assert.Equal(expected, (await client.SendAsync(request)).StatusCode);
    }
}
