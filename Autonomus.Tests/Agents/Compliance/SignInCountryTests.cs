using System.Net;
using System.Net.Http.Json;
using Autonomus.Core.Agents.Compliance.Access;
using Autonomus.Core.Alerts;
using Autonomus.Tests.Alerts;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Agents.Compliance;

/// <summary>
/// Sign-ins from a new country, with a GeoIP source: the source's two layouts and its errors; then real sign-ins for API
/// tokens and the console over Kestrel behind a known proxy (X-Forwarded-For): the first country is kept silently, the same country again
/// is nothing new, another country is reported to the Admins and on the ledger; without a source nothing is recorded.
/// </summary>
public sealed class SignInCountryTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;

    private static readonly string[] Source =
    [
        "network,country_iso_code",
        "200.0.0.0/8,CL",
        "81.0.0.0/9,es",
        "190.0.0.0/8,AR",
        "2800:150::,2800:15f:ffff:ffff:ffff:ffff:ffff:ffff,CL",
        "",
    ];

    [Fact]
    public void TheSourceTakesNetworksAndRangesInBothFamiliesAndNamesTheLineAtFault()
    {
        var geo = GeoIpCountries.Parse(Source);
        Assert.Equal("CL", geo.CountryOf(IPAddress.Parse("200.27.1.9")));
        Assert.Equal("ES", geo.CountryOf(IPAddress.Parse("81.127.255.255")));
        Assert.Null(geo.CountryOf(IPAddress.Parse("81.128.0.0")));
        Assert.Equal("CL", geo.CountryOf(IPAddress.Parse("2800:150::1")));
        Assert.Equal("CL", geo.CountryOf(IPAddress.Parse("::ffff:200.1.1.1")));
        Assert.Null(geo.CountryOf(IPAddress.Parse("10.0.0.1")));
        Assert.Null(GeoIpCountries.None.CountryOf(IPAddress.Parse("200.1.1.1")));

        var bad = Assert.Throws<FormatException>(() => GeoIpCountries.Parse(["200.0.0.0/8,CL", "300.1.1.1/8,CL"], "countries.csv"));
        Assert.StartsWith("countries.csv, line 2:", bad.Message);
        Assert.Contains("'Chile' is not a two-letter country code", Assert.Throws<FormatException>(() => GeoIpCountries.Parse(["h,h", "1.0.0.0/8,Chile"])).Message);
    }

    private async Task SignInFromAsync(Uri server, string address)
    {
        using var client = new HttpClient { BaseAddress = server };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token",
            new { email = "manager@andes.demo", password = TestDatabase.DemoPassword, code = Totp.Code(await pg.AuthenticatorKeyAsync("manager@andes.demo")) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<AppFactory> ServerAsync(bool withSource)
    {
        var settings = new Dictionary<string, string> { ["Autonomus:Proxy:KnownProxies:0"] = "127.0.0.1" };
        if (withSource)
        {
            var path = Path.Combine(Path.GetTempPath(), $"countries-{Guid.NewGuid():N}.csv");
            await File.WriteAllLinesAsync(path, Source);
            settings[Autonomus.Web.Authentication.SignInCountries.Section] = path;
        }
        return new AppFactory(pg.Db.AppConnection, settings: settings);
    }

    private Task<long> CountriesAsync(Guid user) => pg.CountAsync("SELECT count(*) FROM sign_in_countries WHERE user_id = @u", ("u", user));

    [Fact]
    public async Task AnotherCountryIsReportedOnceTheFirstAndTheSameAreNot()
    {
        var manager = await pg.UserIdAsync("manager@andes.demo");
        await using (var plain = await ServerAsync(withSource: false))
            await SignInFromAsync(plain.StartKestrel(), "81.2.3.4");
        Assert.Equal(0, await CountriesAsync(manager));

        await using var app = await ServerAsync(withSource: true);
        var server = app.StartKestrel();
        await using var listener = await AlertTriggersTests.Listener.StartAsync(pg);
        await SignInFromAsync(server, "200.10.20.30");
        await SignInFromAsync(server, "200.99.1.1");
        Assert.Equal(1, await CountriesAsync(manager));
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'sign_in_new_country'"));

        await SignInFromAsync(server, "81.2.3.4");
        Assert.Equal(2, await CountriesAsync(manager));
        var entry = (await pg.RowsAsync("SELECT subject_id, data FROM ledger_entries WHERE kind = 'sign_in_new_country'")).Single();
        Assert.Equal(manager, entry["subject_id"]);
        Assert.Contains("\"country\":\"ES\"", (string)entry["data"]!);
        var alert = Assert.Single(await listener.HeardAsync(TimeSpan.FromSeconds(1)), a => a.Kind == AlertKinds.SignInNewCountry);
        Assert.Equal(("ES", Andes), (alert.Reason, alert.Tenant));
        Assert.Equal([AlertAudience.Admins(Andes)], AlertAudience.For(alert));

        await SignInFromAsync(server, "81.9.9.9");
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'sign_in_new_country'"));

        // The console's sign-in (a new cookie session) is watched the same way.
        using var console = await ConsoleSignIn.SignedInClientAsync(app, pg, "manager@andes.demo", forwardedFor: "190.5.6.7");
        Assert.Equal(3, await CountriesAsync(manager));
        Assert.Contains("\"country\":\"AR\"", await pg.ScalarAsync<string>("SELECT data FROM ledger_entries WHERE kind = 'sign_in_new_country' ORDER BY sequence DESC LIMIT 1"));
    }
}
