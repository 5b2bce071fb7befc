using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Microsoft.AspNetCore.Builder;

public static class SerilogSetup
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>
    /// Serilog behind Microsoft.Extensions.Logging (Serilog.AspNetCore does not restore here): console plus a
    /// daily rolling file, JSON when Logging:Json is true. Scopes (the correlation id) become properties.
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

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger.CreateLogger(), dispose: true);
    }

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
