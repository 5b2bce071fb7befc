using System.Security.Cryptography;
using System.Text;
using Autonomus.Web.Diagnostics;

namespace Microsoft.AspNetCore.Builder;

public static class PrometheusEndpoint
{
    /// <summary>
    /// /metrics: the app's instruments in Prometheus text format (version 0.0.4). Not public: a scraper on the same
    /// machine (loopback, unless <c>Autonomus:Metrics:AllowLoopback</c> is false) or one that presents
    /// <c>Authorization: Bearer {Autonomus:Metrics:ScrapeToken}</c>.
    /// </summary>
    public static void MapPrometheusMetrics(this WebApplication app)
    {
        // Listening starts now, at start-up: a measurement made before the first scrape still counts.
        var metrics = app.Services.GetRequiredService<PrometheusMetrics>();
        var token = app.Configuration["Autonomus:Metrics:ScrapeToken"];
        var allowLoopback = app.Configuration.GetValue("Autonomus:Metrics:AllowLoopback", true);
        app.MapGet("/metrics", (HttpContext context) =>
                MayScrape(context, token, allowLoopback)
                    ? Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8")
                    : Results.Problem(title: "Metrics are for the configured scraper.",
                        detail: "Scrape from this machine, or send the scrape token as a bearer token.", statusCode: StatusCodes.Status401Unauthorized))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static bool MayScrape(HttpContext context, string? token, bool allowLoopback)
    {
        // A request relayed by a proxy on this machine arrives from loopback too: with a forwarding header it is not local.
        if (allowLoopback && context.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded")) return true;
        if (string.IsNullOrEmpty(token)) return false;
        var presented = context.Request.Headers.Authorization.ToString();
        return presented.StartsWith("Bearer ", StringComparison.Ordinal)
               && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented[7..]), Encoding.UTF8.GetBytes(token));
    }
}
