namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Cross-site WebSocket hijacking guard: a browser page on another site could open the hub with the user's cookie.
/// Browsers say where a request comes from (Origin) on WebSockets, server-sent events and long polling alike; the hub
/// accepts its own origin and those in <c>Autonomus:Hub:AllowedOrigins</c>, and refuses the rest with a 403. Clients
/// that are not browsers send no Origin and are judged by their credential alone.
/// </summary>
public static class HubOriginCheck
{
    public static IApplicationBuilder UseHubOriginCheck(this WebApplication app)
    {
        var allowed = (app.Configuration.GetSection("Autonomus:Hub:AllowedOrigins").Get<string[]>() ?? [])
            .Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return app.UseWhen(c => c.Request.Path.StartsWithSegments("/hubs"), hubs => hubs.Use(async (context, next) =>
        {
            var origin = context.Request.Headers.Origin.ToString();
            var own = $"{context.Request.Scheme}://{context.Request.Host}";
            if (origin.Length > 0 && !origin.Equals(own, StringComparison.OrdinalIgnoreCase) && !allowed.Contains(origin))
            {
                app.Logger.LogWarning("Refused a hub request from origin {Origin}", origin.Length > 100 ? origin[..100] : origin);
                await Results.Problem(title: "This origin may not open the hub.",
                    detail: "Add it to Autonomus:Hub:AllowedOrigins if it is one of yours.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }
            await next(context);
        }));
    }
}
