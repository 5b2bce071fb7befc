using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Autonomus.Core.ApiKeys;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Web.Http;

public sealed class ApiTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task APersonGetsABearerTokenWithPasswordAndCodeAndListsTheirTenantsLeads()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = await ApiClient.AsUserAsync(app, pg, "admin@northwind.demo");
        var response = await client.GetAsync("/api/v1/leads?take=10&sort=score&desc=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(2000, body.GetProperty("totalCount").GetInt32());
        Assert.Equal(10, body.GetProperty("items").GetArrayLength());
        Assert.Equal(100, body.GetProperty("items")[0].GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task AWrongCodeGetsABare401AndCountsTowardLockout()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token",
            new { email = "rep2@northwind.demo", password = TestDatabase.DemoPassword, code = "000000" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("code", (await JsonAsync(response)).GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await pg.ScalarAsync<int>("SELECT access_failed_count FROM users WHERE email = 'rep2@northwind.demo'"));
    }

    [Theory]
    [InlineData("Bearer", "not-a-token")]
    [InlineData("Bearer", "CfDJ8tampered.token.value")]
    [InlineData("X-Api-Key", "ak_00000000000000000000000000000000_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("X-Api-Key", "garbage")]
    public async Task AMalformedOrUnknownCredentialGetsA401ThatRevealsNothing(string header, string value)
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = app.CreateClient();
        if (header == "Bearer") client.DefaultRequestHeaders.Authorization = new("Bearer", value);
        else client.DefaultRequestHeaders.Add(header, value);
        var response = await client.GetAsync("/api/v1/leads");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("tenant", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheConsoleCookieIsNotACredentialForTheApi()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Identity.Application=anything");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/deals")).StatusCode);
    }

    [Fact]
    public async Task ApiKeysAreScopedRevocableAndStoredOnlyAsAHash()
    {
        var readKey = await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.Read, "BI export");
        var writeKey = await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.ReadWrite, "Web form");
        Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE encode(secret_hash, 'escape') LIKE '%' || @s || '%'",
            ("s", readKey.Split('_')[3])));

        await using var app = new AppFactory(pg.Db.AppConnection);
        var reader = ApiClient.WithKey(app, readKey);
        Assert.Equal(2000, (await JsonAsync(await reader.GetAsync("/api/v1/leads"))).GetProperty("totalCount").GetInt32());
        var lead = new { firstName = "Api", lastName = "Created", email = "api@created.example" };
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/leads", lead)).StatusCode);

        var writer = ApiClient.WithKey(app, writeKey);
        var created = await writer.PostAsJsonAsync("/api/v1/leads", lead);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(PostgresFixture.Andes, await pg.ScalarAsync<Guid>("SELECT tenant_id FROM leads WHERE email = 'api@created.example'"));

        await using (var sp = await pg.ServicesAsAsync("admin@andes.demo"))
        {
            var admin = sp.GetRequiredService<ApiKeyAdministration>();
            var id = (await admin.ListAsync()).Single(k => k.Name == "Web form").Id;
            await admin.RevokeAsync(id);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await writer.GetAsync("/api/v1/leads")).StatusCode);
        var tampered = ApiClient.WithKey(app, readKey[..^2] + (readKey.EndsWith("00") ? "11" : "00"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await tampered.GetAsync("/api/v1/leads")).StatusCode);
    }

    [Fact]
    public async Task InvalidOverlongOrMalformedInputIsA400ProblemAndWritesNothing()
    {
        var before = await pg.ScalarAsync<long>("SELECT count(*) FROM leads");
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@northwind.demo", ApiKeyScope.ReadWrite));

        var invalid = await client.PostAsJsonAsync("/api/v1/leads", new { firstName = "", lastName = new string('x', 500), email = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await JsonAsync(invalid)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("FirstName", out _));
        Assert.True(errors.TryGetProperty("LastName", out _));
        Assert.True(errors.TryGetProperty("Email", out _));

        var malformed = await client.PostAsync("/api/v1/leads", new StringContent("{\"firstName\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await pg.ScalarAsync<long>("SELECT count(*) FROM leads"));
    }

    [Theory]
    [InlineData(null, "The request has invalid fields.", "Enter a valid email address.")]
    [InlineData("es-CL", "La solicitud tiene campos no válidos.", "Ingresa un correo válido.")]
    [InlineData("xx-YY", "The request has invalid fields.", "Enter a valid email address.")]
    public async Task ProblemsSpeakTheLanguageTheClientAsksFor(string? language, string title, string emailMessage)
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@northwind.demo", ApiKeyScope.ReadWrite));
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var invalid = await client.PostAsJsonAsync("/api/v1/leads", new { firstName = "Ana", lastName = "Soto", email = "nope" });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await JsonAsync(invalid);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(emailMessage, problem.GetProperty("errors").GetProperty("Email")[0].GetString());
    }

    [Fact]
    public async Task UpdatesNeedTheVersionReadAndRefuseAStaleOne()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@northwind.demo", ApiKeyScope.ReadWrite, "sync"));
        var id = await pg.ScalarAsync<Guid>("SELECT id FROM accounts WHERE tenant_id = @t LIMIT 1", ("t", PostgresFixture.Northwind));
        var read = await client.GetAsync($"/api/v1/accounts/{id}");
        var etag = read.Headers.ETag!.Tag;
        var update = new { name = "Renamed Traders Inc." };

        Assert.Equal((HttpStatusCode)428, (await client.PutAsJsonAsync($"/api/v1/accounts/{id}", update)).StatusCode);

        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/accounts/{id}") { Content = JsonContent.Create(update) };
        first.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(first)).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/accounts/{id}") { Content = JsonContent.Create(new { name = "Lost update" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var refused = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("Renamed Traders Inc.", await pg.ScalarAsync<string>("SELECT name FROM accounts WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task AnAccountsRutIsCheckedAndKeptNormalised()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.ReadWrite, "rut"));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-CL");

        var wrong = await client.PostAsJsonAsync("/api/v1/accounts", new { name = "Minera del Norte", rut = "76.354.771-5" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.StartsWith("No es un RUT válido", (await JsonAsync(wrong)).GetProperty("errors").GetProperty("Rut")[0].GetString());
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM accounts WHERE name = 'Minera del Norte'"));

        var created = await client.PostAsJsonAsync("/api/v1/accounts", new { name = "Minera del Norte", rut = "76.354.771-k" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("76354771-K", await pg.ScalarAsync<string>("SELECT rut FROM accounts WHERE name = 'Minera del Norte'"));
        Assert.Equal("76354771-K", (await JsonAsync(await client.GetAsync(created.Headers.Location))).GetProperty("rut").GetString());
    }

    [Fact]
    public async Task PastTheRateLimitTheApiAnswers429WithRetryAfter()
    {
        await using var app = new AppFactory(pg.Db.AppConnection, settings: new Dictionary<string, string> { ["Autonomus:Api:RequestsPerMinute"] = "3" });
        var client = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.Read, "chatty"));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++) statuses.Add((last = await client.GetAsync("/api/v1/deals?take=1")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.InRange(int.Parse(last!.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheApiCarriesSecurityHeadersAndPublishesAnOpenApiDocument()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var response = await app.CreateClient().GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/v1/leads/{id}", await response.Content.ReadAsStringAsync());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task AnExpiredBearerTokenIsRefusedAndARefreshDiesWithThePassword()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new AppFactory(pg.Db.AppConnection, services: s => s.AddSingleton<TimeProvider>(clock));
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/token",
            new { email = "manager@northwind.demo", password = TestDatabase.DemoPassword, code = Totp.Code(await pg.AuthenticatorKeyAsync("manager@northwind.demo")) });
        var tokens = await JsonAsync(login);
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/deals?take=1")).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/deals?take=1")).StatusCode);

        var refresh = new { refreshToken = tokens.GetProperty("refreshToken").GetString() };
        var refreshed = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", refresh);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        await using (var sp = await pg.ServicesAsAsync("admin@northwind.demo"))
            await sp.GetRequiredService<Autonomus.Core.Tenancy.Users.UserAdministration>().SignOutEverywhereAsync(await pg.UserIdAsync("manager@northwind.demo"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", refresh)).StatusCode);
    }
}
