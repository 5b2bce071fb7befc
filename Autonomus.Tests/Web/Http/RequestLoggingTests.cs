using Autonomus.Core.ApiKeys;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Web.Http;

/// <summary>Serilog's request log: one line per request with who and how long, into the real log file; never a token, key or query.</summary>
public sealed class RequestLoggingTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task EachRequestIsLoggedWithStatusTimeTenantAndPrincipalButNoSecretOrQuery()
    {
        var folder = Path.Combine(Path.GetTempPath(), "autonomus-request-log-" + Guid.NewGuid().ToString("N"));
        string token, key;
        await using (var app = new AppFactory(pg.Db.AppConnection, settings: new Dictionary<string, string>
                     {
                         ["Logging:File"] = Path.Combine(folder, "autonomus-.log"), ["Logging:LogLevel:Default"] = "Information",
                     }))
        {
            var person = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
            token = person.DefaultRequestHeaders.Authorization!.Parameter!;
            await person.GetAsync("/api/v1/leads?take=1&search=needle-in-the-query");
            key = await ApiClient.IssueKeyAsync(pg, "admin@northwind.demo", ApiKeyScope.Read, "log reader");
            await ApiClient.WithKey(app, key).GetAsync("/api/v1/deals?take=1");
        }

        var log = string.Join("\n", Directory.GetFiles(folder).Select(File.ReadAllText));
        Directory.Delete(folder, recursive: true);
        var lead = Assert.Single(log.Split('\n'), l => l.Contains("HTTP GET /api/v1/leads responded 200 in"));
        Assert.Contains(PostgresFixture.Andes.ToString(), lead);
        Assert.Contains((await pg.UserIdAsync("manager@andes.demo")).ToString(), lead);
        Assert.Contains("CorrelationId", lead);
        var deal = Assert.Single(log.Split('\n'), l => l.Contains("HTTP GET /api/v1/deals responded 200 in"));
        Assert.Contains("ApiKeyId", deal);
        Assert.Contains(PostgresFixture.Northwind.ToString(), deal);
        foreach (var secret in new[] { token[..40], key.Split('_')[3], "needle-in-the-query", TestDatabase.DemoPassword })
            Assert.DoesNotContain(secret, log);
    }
}
