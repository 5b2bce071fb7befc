using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Where the app learns that it is behind TLS. <c>Autonomus:Proxy:KnownProxies</c> lists the addresses of trusted
/// TLS-terminating proxies: only their X-Forwarded-For/-Proto are believed (nobody else can claim another client
/// address, which the per-IP rate limits count by). HTTPS redirection and HSTS apply outside Development when the app
/// has an HTTPS endpoint of its own or such a proxy in front; plain <c>http://127.0.0.1:5080</c> keeps working.
/// </summary>
public static class HttpsAndProxies
{
    public static IApplicationBuilder UseForwardedHeadersFromKnownProxies(this WebApplication app)
    {
        var proxies = KnownProxies(app.Configuration);
        if (proxies.Count == 0) return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        // The defaults trust loopback; here only what is configured is trusted.
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
        return app.UseForwardedHeaders(options);
    }

    /// <summary>Behind a TLS proxy the app has no HTTPS endpoint of its own to redirect to: the public one is 443 unless <c>https_port</c> says otherwise.</summary>
    public static void AddHttpsBehindProxies(this WebApplicationBuilder builder)
    {
        if (KnownProxies(builder.Configuration).Count > 0 && string.IsNullOrEmpty(builder.Configuration["https_port"]))
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
    }

    public static IApplicationBuilder UseHttpsWhereConfigured(this WebApplication app)
    {
        if (app.Environment.IsDevelopment() || !HttpsConfigured(app.Configuration)) return app;
        app.UseHsts();
        return app.UseHttpsRedirection();
    }

    public static bool HttpsConfigured(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrEmpty(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true)
        || KnownProxies(configuration).Count > 0;

    private static List<IPAddress> KnownProxies(IConfiguration configuration) =>
        configuration.GetSection("Autonomus:Proxy:KnownProxies").Get<string[]>()?
            .Select(p => IPAddress.TryParse(p, out var ip) ? ip : throw new InvalidOperationException($"Autonomus:Proxy:KnownProxies: '{p}' is not an IP address."))
            .ToList() ?? [];
}
