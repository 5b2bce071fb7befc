using System.Net;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Web.Http;

public sealed class SessionTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static async Task<bool> IsSignedInAsync(HttpClient client)
    {
        var response = await client.GetAsync("/deals/board");
        return response.RequestMessage!.RequestUri!.AbsolutePath == "/deals/board" && response.StatusCode == HttpStatusCode.OK;
    }

    private AppFactory App(FakeTimeProvider clock) =>
        new(pg.Db.AppConnection, services: s => s.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task ThirtyIdleMinutesEndTheSession()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = App(clock);
        var client = await ConsoleSignIn.SignedInClientAsync(app, pg, "auditor@northwind.demo");
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await IsSignedInAsync(client));
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.False(await IsSignedInAsync(client));
    }

    [Fact]
    public async Task AnActiveSessionStillEndsTwelveHoursAfterSignIn()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = App(clock);
        var client = await ConsoleSignIn.SignedInClientAsync(app, pg, "manager@northwind.demo");
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(20))
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True(await IsSignedInAsync(client), $"signed out after {elapsed}");
        }
        clock.Advance(TimeSpan.FromMinutes(40));
        Assert.False(await IsSignedInAsync(client));
    }

    [Fact]
    public async Task ATamperedCookieSignsTheVisitorOut()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = await ConsoleSignIn.SignedInClientAsync(app, pg, "rep1@northwind.demo");
        Assert.True(await IsSignedInAsync(client));

        var tampered = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var original = (await client.GetAsync("/health/live")).RequestMessage!.Headers.TryGetValues("Cookie", out var sent) ? string.Join("; ", sent) : "";
        var identity = original.Split("; ").Single(c => c.StartsWith(".AspNetCore.Identity.Application="));
        var genuine = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        genuine.DefaultRequestHeaders.Add("Cookie", identity);
        Assert.Equal(HttpStatusCode.OK, (await genuine.GetAsync("/deals/board")).StatusCode);

        tampered.DefaultRequestHeaders.Add("Cookie", identity[..^4] + (identity.EndsWith("AAAA") ? "BBBB" : "AAAA"));
        var response = await tampered.GetAsync("/leads");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignOutWithoutTheAntiforgeryTokenIsRefused()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = await ConsoleSignIn.SignedInClientAsync(app, pg, "auditor@andes.demo");
        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await IsSignedInAsync(client));
    }
}
