using System.Security.Claims;
using Autonomus.Core.Tenancy;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Hosting;
using Serilog.Formatting.Json;

namespace Microsoft.AspNetCore.Builder;

public static class SerilogSetup
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>
    /// Serilog (Serilog.AspNetCore) as a Microsoft.Extensions.Logging provider: console plus a daily rolling file, JSON
    /// when Logging:Json is true. Scopes (the correlation id) become properties. A provider rather than the logger
    /// factory, so that other providers (a test's log capture) still hear everything.
    /// </summary>
    public static void AddSerilogLogging(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var json = config.GetValue<bool>("Logging:Json");
        var file = config["Logging:File"];
        var logger = new LoggerConfiguration().Enrich.FromLogContext();
        ApplyLevels(logger, config.GetSection("Logging:LogLevel"));
        logger = json ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true)) : logger.WriteTo.Console(outputTemplate: TextTemplate);
        if (!string.IsNullOrWhiteSpace(file))
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(builder.Environment.ContentRootPath, file);
            logger = json
                ? logger.WriteTo.File(new JsonFormatter(renderMessage: true), path, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14)
                : logger.WriteTo.File(path, outputTemplate: TextTemplate, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        }

        var serilog = logger.CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(serilog, dispose: true);
        // What UseSerilogRequestLogging needs: the request's diagnostic context, written to this logger.
        builder.Services.AddSingleton(new DiagnosticContext(serilog));
        builder.Services.AddSingleton<IDiagnosticContext>(sp => sp.GetRequiredService<DiagnosticContext>());
        builder.Services.AddSingleton(new RequestLogger(serilog));
    }

    /// <summary>The logger the request log line goes to (the app's own, not Serilog's static one).</summary>
    public sealed record RequestLogger(Serilog.ILogger Logger);

    /// <summary>
    /// One line per request: method, path (never the query string, which can carry a hub's access token), status,
    /// elapsed time, the correlation id, and who: tenant, user or API key. Never headers, tokens, keys or bodies.
    /// </summary>
    public static IApplicationBuilder UseRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<RequestLogger>().Logger;
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            o.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("CorrelationId", context.TraceIdentifier);
                var user = context.User;
                if (user.FindFirstValue(TenantClaimTypes.TenantId) is { } tenant) diagnostics.Set("TenantId", tenant);
                if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id) diagnostics.Set("UserId", id);
                if (user.FindFirstValue(Autonomus.Web.Authentication.ApiKeyAuthentication.KeyIdClaim) is { } key) diagnostics.Set("ApiKeyId", key);
            };
            // Health probes and static files every few seconds would drown the rest.
            o.GetLevel = (context, _, error) => error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/_framework")
                  || context.Request.Path.StartsWithSegments("/_content") || Path.HasExtension(context.Request.Path.Value) ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });

    /// <summary>
    /// AddSerilog lets every level through to Serilog, bypassing Logging:LogLevel; so the same section sets
    /// Serilog's minimum level and per-category overrides, and there stays one place to configure levels.
    /// </summary>
    private static void ApplyLevels(LoggerConfiguration logger, IConfigurationSection levels)
    {
        logger.MinimumLevel.Is(ToSerilog(levels["Default"]));
        foreach (var category in levels.GetChildren().Where(c => c.Key != "Default"))
            logger.MinimumLevel.Override(category.Key, ToSerilog(category.Value));
    }

    private static LogEventLevel ToSerilog(string? level) => Enum.TryParse<LogLevel>(level, ignoreCase: true, out var l)
        ? l switch
        {
            LogLevel.Trace => LogEventLevel.Verbose,
            LogLevel.Debug => LogEventLevel.Debug,
            LogLevel.Warning => LogEventLevel.Warning,
            LogLevel.Error => LogEventLevel.Error,
            LogLevel.Critical or LogLevel.None => LogEventLevel.Fatal,
            _ => LogEventLevel.Information,
        }
        : LogEventLevel.Information;
}
