using Autonomus.Web.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Autonomus.Web.Authentication
{
    public static class JwtSetup
    {
        public const string Scheme = JwtBearerDefaults.AuthenticationScheme;
        public const string JwksPath = "/.well-known/jwks.json";
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    public static class JwtServiceCollectionExtensions
    {
        /// <summary>JWT bearer validation against the app's own key ring, with the app's clock and a security-stamp check per user.</summary>
        public static AuthenticationBuilder AddAutonomusJwt(this AuthenticationBuilder authentication)
        {
            var services = authentication.Services;
            services.AddOptions<JwtSettings>().BindConfiguration(JwtSettings.Section);
            services.AddMemoryCache();
            services.AddSingleton<JwtKeyRing>();
            services.AddSingleton<AccessTokens>();
            services.AddSingleton<SessionStamps>();
            services.AddOptions<JwtBearerOptions>(JwtSetup.Scheme).Configure<JwtKeyRing, IOptions<JwtSettings>, TimeProvider>((o, keys, settings, clock) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Value.Issuer,
                    ValidAudience = settings.Value.Audience,
                    IssuerSigningKeys = keys.ValidationKeys,
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    // The app's clock (tests move it), no skew: every node shares the database's notion of time closely enough.
                    LifetimeValidator = (notBefore, expires, _, _) =>
                    {
                        var now = clock.GetUtcNow().UtcDateTime;
                        return expires is { } e && now < e && (notBefore is not { } nb || now >= nb);
                    },
                };
                o.Events = new JwtBearerEvents
                {
                    // WebSockets cannot carry an Authorization header: SignalR clients send the token in the query, for the hub only.
                    OnMessageReceived = context =>
                    {
                        if (Credentials.IsHubRequest(context.Request) && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        var principal = AccessTokens.ToPrincipal(context.Principal!, out var tenantId, out var userId, out var stamp);
                        var stamps = context.HttpContext.RequestServices.GetRequiredService<SessionStamps>();
                        if (principal is null || !await stamps.IsCurrentAsync(tenantId, userId, stamp, context.HttpContext.RequestAborted))
                        {
                            context.Fail("This session has ended.");
                            return;
                        }
                        context.Principal = principal;
                    },
                };
            });
            authentication.AddJwtBearer(JwtSetup.Scheme);
            return authentication;
        }
    }
}

namespace Microsoft.AspNetCore.Builder
{
    public static class JwksEndpoint
    {
        /// <summary>The public signing keys, so another service can validate the API's access tokens.</summary>
        public static void MapJwks(this WebApplication app) =>
            app.MapGet(JwtSetup.JwksPath, (JwtKeyRing keys) => Results.Json(keys.Jwks())).AllowAnonymous().ExcludeFromDescription();
    }
}
