using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.ApiKeys;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Web.Http;

/// <summary>/api/v1/organisation/locale: an Admin in person reads and changes the organisation's language and time zone; nobody else does.</summary>
public sealed class OrganisationApiTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private const string Locale = "/api/v1/organisation/locale";
    private static readonly Guid Northwind = PostgresFixture.Northwind;

    private Task<string> StoredAsync() =>
        pg.ScalarAsync<string>("SELECT default_culture || ' ' || time_zone FROM tenants WHERE id = @t", ("t", Northwind));

    [Fact]
    public async Task AnAdminChangesTheLanguageAndTimeZoneAndTheChangeIsOnTheLedger()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@northwind.demo");

        var read = await (await admin.GetAsync(Locale)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("en", read.GetProperty("defaultCulture").GetString());
        Assert.Equal("America/Los_Angeles", read.GetProperty("timeZone").GetString());

        var changed = await admin.PutAsJsonAsync(Locale, new { defaultCulture = "es-CL", timeZone = "America/Santiago" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("es-CL America/Santiago", await StoredAsync());
        Assert.Equal("""{"defaultCulture":"es-CL","timeZone":"America/Santiago"}""", await pg.ScalarAsync<string>(
            "SELECT data FROM ledger_entries WHERE tenant_id = @t AND kind = 'organisation_locale_changed' ORDER BY sequence DESC LIMIT 1", ("t", Northwind)));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(Locale, new { defaultCulture = "en", timeZone = "America/Los_Angeles" })).StatusCode);
        Assert.Equal("en America/Los_Angeles", await StoredAsync());
    }

    [Fact]
    public async Task AnUnknownLanguageOrTimeZoneIsA400NamingBothAndChangesNothing()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@northwind.demo");
        var before = await StoredAsync();

        var refused = await admin.PutAsJsonAsync(Locale, new { defaultCulture = "xx-YY", timeZone = "Mars/Olympus_Mons" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("defaultCulture", out _));
        Assert.True(errors.TryGetProperty("timeZone", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync(Locale, new StringContent("{\"defaultCulture\":", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task AManagerAnApiKeyAndNoCredentialAreRefused()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var before = await StoredAsync();
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@northwind.demo");
        var key = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@northwind.demo", ApiKeyScope.ReadWrite));
        var body = new { defaultCulture = "es-CL", timeZone = "America/Santiago" };

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync(Locale, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PutAsJsonAsync(Locale, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsJsonAsync(Locale, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(Locale)).StatusCode);
        Assert.Equal(before, await StoredAsync());
    }
}
