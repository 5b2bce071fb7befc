using System.Net;
using System.Net.Http.Json;
using Autonomus.Core.ApiKeys;
using Autonomus.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Web.Security;

/// <summary>An API key is a principal of its own: not its issuer, alive through the issuer's lockout, dead after revocation or expiry.</summary>
public sealed class ApiKeyPrincipalTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task AReadWriteKeyActsAsItselfAndSurvivesItsIssuersLockout()
    {
        var key = await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.ReadWrite, "Web form");
        var issuer = await pg.UserIdAsync("admin@andes.demo");
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = ApiClient.WithKey(app, key);
        var lead = await pg.ScalarAsync<Guid>("SELECT id FROM leads WHERE tenant_id = @t LIMIT 1", ("t", PostgresFixture.Andes));

        var logged = await client.PostAsJsonAsync("/api/v1/activities", new { type = "Note", subject = "From the web form", relatedType = "Lead", relatedId = lead, done = true });
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        // Before, the key acted as its issuer: the activity was the Admin's.
        Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM activities WHERE subject = 'From the web form' AND owner_id = @u", ("u", issuer)));

        // The issuer is locked out (too many failed sign-ins): a person's lockout never stops an integration.
        await using (var conn = new Npgsql.NpgsqlConnection(pg.Db.OwnerConnection))
        {
            await conn.OpenAsync();
            await new Npgsql.NpgsqlCommand($"UPDATE users SET lockout_end = now() + interval '15 minutes' WHERE id = '{issuer}'", conn).ExecuteNonQueryAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/leads?take=1")).StatusCode);
    }

    [Fact]
    public async Task AKeyWithAnExpiryIsRefusedAfterIt()
    {
        string key;
        await using (var sp = await pg.ServicesAsAsync("admin@northwind.demo"))
            key = await sp.GetRequiredService<ApiKeyAdministration>().IssueAsync(new ApiKeyInput { Name = "Trial", Scope = ApiKeyScope.Read, ExpiresInDays = 1 });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new AppFactory(pg.Db.AppConnection, services: s => s.AddSingleton<TimeProvider>(clock));
        var client = ApiClient.WithKey(app, key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/leads?take=1")).StatusCode);
        clock.Advance(TimeSpan.FromDays(1.1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/leads?take=1")).StatusCode);
    }

    [Fact]
    public async Task AReadKeyIsRefusedOnEveryWriteEndpoint()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.Read, "Reader"));
        var id = await pg.ScalarAsync<Guid>("SELECT id FROM leads WHERE tenant_id = @t LIMIT 1", ("t", PostgresFixture.Andes));
        var writes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/") && !e.RoutePattern.RawText.StartsWith("/api/v1/auth"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                // A number where the route wants one (a version), an id everywhere else: every route is reached.
                .Select(m => (Method: m, Path: System.Text.RegularExpressions.Regex.Replace(
                    System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, @"\{[^}:]+:int\}", "1"), @"\{[^}]+\}", id.ToString()))))
            .ToList();
        Assert.True(writes.Count >= 10, $"only {writes.Count} write endpoints found");
        var ledger = await pg.ScalarAsync<long>("SELECT count(*) FROM ledger_entries");
        foreach (var (method, path) in writes)
        {
            // A dry run is a question with a body (POST), not a write: an Auditor's key may ask it; it changes nothing.
            if (path == "/api/v1/policies/dry-run")
            {
                var dryRun = await client.PostAsJsonAsync(path, new { agent = "lead_intelligence", action = "schedule_follow_up", mode = "AutoWithUndo" });
                Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
                continue;
            }
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode} to a read key");
        }
        Assert.Equal(ledger, await pg.ScalarAsync<long>("SELECT count(*) FROM ledger_entries"));
    }
}
