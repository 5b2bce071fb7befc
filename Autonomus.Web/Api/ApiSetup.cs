using System.Security.Claims;
using System.Threading.RateLimiting;
using Autonomus.Web.Api;
using Autonomus.Web.Authentication;
using Autonomus.Web.Tenancy;
using Microsoft.AspNetCore.RateLimiting;

namespace Microsoft.Extensions.DependencyInjection;

public sealed class ApiLimits
{
    /// <summary>Requests per minute per user or API key.</summary>
    public int RequestsPerMinute { get; set; } = 120;
}

public static class ApiSetup
{
    public const string RateLimitPolicy = "api";
    /// <summary>Sign-in pages and token endpoints, per client address (forwarded addresses only from known proxies).</summary>
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication()
            .AddAutonomusJwt()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddScoped<Autonomus.Core.Sessions.RefreshTokens>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // A body that cannot be read throws (in every environment) so that ApiExceptionHandler names the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Enums by name ("Qualified", "Negotiation"), as the console and the database show them.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi("v1");

        var limits = configuration.GetSection("Autonomus:Api").Get<ApiLimits>() ?? new ApiLimits();
        var signIn = configuration.GetSection(SignInLimits.Section).Get<SignInLimits>() ?? new SignInLimits();
        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.Section);
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirstValue(ApiKeyAuthentication.KeyIdClaim) is { } key ? $"key:{key}"
                    : context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? $"user:{user}"
                    : $"ip:{context.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(SignInPolicy, context => RateLimitPartition.GetSlidingWindowLimiter(
                $"ip:{context.Connection.RemoteIpAddress}",
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = signIn.RequestsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                await Results.Problem(title: "Too many requests.", detail: $"Retry after {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>/api/v1: bearer tokens or API keys only (never the console's cookie), rate-limited, Problem Details for every error.</summary>
    public static void MapApi(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous();
        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimitPolicy).AddEndpointFilter(ApiProblems.MapErrors);
        api.MapTokenEndpoints();
        api.MapGroup("").RequireAuthorization(Policies.ApiRead).MapCrmEndpoints();
        api.MapLedgerEndpoints();
        api.MapOrganisationEndpoints();
        api.MapSuggestionEndpoints();
        api.MapPolicyEndpoints();
        api.MapAutonomyEndpoints();
        api.MapAgentEndpoints();
        api.MapGroup("").RequireAuthorization(Policies.ApiRead).MapAutomationEndpoints();
    }
}
