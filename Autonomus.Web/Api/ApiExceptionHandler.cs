using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace Autonomus.Web.Api;

/// <summary>
/// The API's answer when a request fails before or outside its handler, in every environment: a body that cannot be
/// read is a 400 Problem Details naming the field and what it allows; anything unexpected is a 500 with a generic
/// message and the correlation id. Never exception text, a stack trace or the request's headers.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!context.Request.Path.StartsWithSegments("/api") || context.Response.HasStarted) return false;
        // The exception handler cleared the response, the correlation id with it.
        context.Response.Headers[CorrelationId.HeaderName] = context.TraceIdentifier;
        if (exception is BadHttpRequestException bad)
        {
            context.Response.StatusCode = bad.StatusCode;
            var errors = Describe(context, bad);
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(errors)
                {
                    Status = bad.StatusCode,
                    Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request body is not valid." : "The request cannot be read.",
                },
            });
        }

        logger.LogError(exception, "Unexpected error answering {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side.",
                Detail = $"Nothing was changed. If it happens again, quote the correlation id {context.TraceIdentifier}.",
                Extensions = { ["correlationId"] = context.TraceIdentifier },
            },
        });
    }

    private static Dictionary<string, string[]> Describe(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.InnerException is not JsonException json)
            return new() { ["body"] = [bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? "Send the body as JSON (Content-Type: application/json)."
                : "A JSON body is required."] };
        var path = json.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "";
        // A syntax error comes from the reader (its inner exception); a value of the wrong kind from a converter.
        if (path.Length == 0 || json.InnerException?.GetType().Name == "JsonReaderException")
            return new() { ["body"] = [$"The body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1})."] };
        var type = PropertyType(context, path);
        var message = type switch
        {
            { IsEnum: true } e => $"must be one of: {string.Join(", ", Enum.GetNames(e))}.",
            not null when type == typeof(DateOnly) => "must be a date (YYYY-MM-DD).",
            not null when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "must be a date and time (ISO 8601).",
            not null when type == typeof(Guid) => "must be an id (a GUID).",
            not null when type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double) => "must be a number.",
            not null when type == typeof(bool) => "must be true or false.",
            not null when type == typeof(string) => "must be text.",
            _ => "has a value of the wrong kind.",
        };
        return new() { [path] = [$"{path} {message}"] };
    }

    /// <summary>The declared type at a JSON path (<c>source</c>, <c>address.city</c>) of the endpoint's body type, when it can be told.</summary>
    private static Type? PropertyType(HttpContext context, string path)
    {
        // The exception handler has cleared the request's endpoint; its feature still knows it.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var type = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        foreach (var segment in path.Split('.'))
        {
            var name = segment.Split('[')[0];
            var property = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return null;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return type;
    }
}
