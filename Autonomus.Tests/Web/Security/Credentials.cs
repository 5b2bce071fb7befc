using System.Net.Http.Headers;
using Autonomus.Core.ApiKeys;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Web.Security;

/// <summary>Builds clients that carry chosen credentials: "cookie", "bearer" or "key", each of a named person's (a key: their tenant's).</summary>
internal static class TestCredentials
{
    public static async Task<HttpClient> ClientWithAsync(AppFactory app, PostgresFixture pg, params (string Kind, string Email)[] credentials)
    {
        var cookie = credentials.FirstOrDefault(c => c.Kind == "cookie");
        var client = cookie.Kind is null ? app.CreateClient() : await ConsoleSignIn.SignedInClientAsync(app, pg, cookie.Email);
        foreach (var (kind, email) in credentials)
        {
            if (kind == "bearer")
                client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + await ApiClient.TokenAsync(app.CreateClient(), pg, email));
            else if (kind == "key")
                // Keys are issued by the tenant's Admin: the key of "rep1@andes.demo" is a read key of Andes.
                client.DefaultRequestHeaders.Add("X-Api-Key", await ApiClient.IssueKeyAsync(pg, "admin@" + email.Split('@')[1], ApiKeyScope.Read, $"key {Guid.NewGuid():N}"[..20]));
        }
        return client;
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
