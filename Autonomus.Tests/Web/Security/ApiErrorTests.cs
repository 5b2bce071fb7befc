using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Autonomus.Core.Crm.Leads;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Web.Security;

/// <summary>Errors never leak: in Development as in Production, a bad body names the field, an unexpected failure is generic.</summary>
public sealed class ApiErrorTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task AMalformedBodyIsA400ThatNamesTheProblemAndNeverEchoesTheRequest(string environment)
    {
        await using var app = new AppFactory(pg.Db.AppConnection, environment, ProductionKeys());
        var client = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;

        var malformed = await client.PostAsync("/api/v1/leads", new StringContent("{\"firstName\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        var text = await malformed.Content.ReadAsStringAsync();
        Assert.Contains("not valid JSON", text);
        foreach (var leak in new[] { token[..20], "Authorization", "Exception", " at Autonomus", " at Microsoft" })
            Assert.DoesNotContain(leak, text);

        var wrongEnum = await client.PostAsync("/api/v1/leads", new StringContent("{\"firstName\":\"A\",\"lastName\":\"B\",\"source\":\"Carrier pigeon\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongEnum.StatusCode);
        var source = (await wrongEnum.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("source")[0].GetString()!;
        Assert.Contains("must be one of", source);
        Assert.Contains("Website", source);
    }

    [Fact]
    public async Task AnUnknownApiRouteIsAProblem404NotTheConsolesPage()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var response = await client.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnexpectedFailureIsA500WithTheCorrelationIdAndNothingElse()
    {
        await using var app = new AppFactory(pg.Db.AppConnection,
            services: s => s.AddScoped<SaveLead>(_ => throw new InvalidOperationException("connection string Password=hunter2")));
        var client = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var response = await client.PostAsJsonAsync("/api/v1/leads", new { firstName = "A", lastName = "B" });
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var correlation = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Equal(correlation, body.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("hunter2", body.ToString());
        Assert.DoesNotContain("InvalidOperationException", body.ToString());
    }

    /// <summary>What Production requires besides a real database password: key folders (throwaway, per test).</summary>
    internal static Dictionary<string, string> ProductionKeys()
    {
        var folder = Path.Combine(Path.GetTempPath(), "autonomus-test-keys", Guid.NewGuid().ToString("N"));
        return new() { ["Autonomus:Jwt:KeysPath"] = Path.Combine(folder, "jwt") };
    }
}
