using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.ApiKeys;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Infrastructure;

/// <summary>Helpers to call /api/v1 as a person (bearer token from password + code) or a machine (API key).</summary>
public static class ApiClient
{
    public static async Task<string> TokenAsync(HttpClient client, PostgresFixture pg, string email)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/token",
            new { email, password = TestDatabase.DemoPassword, code = Totp.Code(await pg.AuthenticatorKeyAsync(email)) });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static async Task<HttpClient> AsUserAsync(AppFactory app, PostgresFixture pg, string email)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, pg, email));
        return client;
    }

    public static async Task<string> IssueKeyAsync(PostgresFixture pg, string adminEmail, ApiKeyScope scope, string name = "integration")
    {
        await using var sp = await pg.ServicesAsAsync(adminEmail);
        return await sp.GetRequiredService<ApiKeyAdministration>().IssueAsync(new ApiKeyInput { Name = name, Scope = scope });
    }

    public static HttpClient WithKey(AppFactory app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
