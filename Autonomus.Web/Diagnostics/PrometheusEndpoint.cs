using Autonomus.Web.Diagnostics;

namespace Microsoft.AspNetCore.Builder;

public static class PrometheusEndpoint
{
    /// <summary>/metrics: the app's instruments in Prometheus text format (version 0.0.4).</summary>
    public static void MapPrometheusMetrics(this WebApplication app)
    {
        // Listening starts now, at start-up: a measurement made before the first scrape still counts.
        var metrics = app.Services.GetRequiredService<PrometheusMetrics>();
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
    }
}
