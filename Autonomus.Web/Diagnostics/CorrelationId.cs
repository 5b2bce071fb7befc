using System.Text.RegularExpressions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// One id per request: taken from a well-formed X-Correlation-Id header or generated, returned in the response,
/// and put on every log line of the request through a logging scope.
/// </summary>
public static partial class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers[HeaderName].ToString();
            var id = IsWellFormed(incoming) ? incoming : Guid.CreateVersion7().ToString("N");
            context.TraceIdentifier = id;
            context.Response.Headers[HeaderName] = id;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Autonomus.Request");
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
                await next(context);
        });

    /// <summary>Letters, digits, '-', '_', '.', 1 to 64 characters: anything else could forge or flood log lines.</summary>
    public static bool IsWellFormed(string? value) => !string.IsNullOrEmpty(value) && WellFormed().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex WellFormed();
}
