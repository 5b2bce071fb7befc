using System.Collections.Concurrent;
using System.Security.Claims;
using Autonomus.Core.Sessions;
using Autonomus.Core.Tenancy;
using Autonomus.Web.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Autonomus.Web.Alerts;

/// <summary>
/// Ends hub connections whose sign-in has been revoked (a disabled user, a changed password, role or MFA, "sign out
/// everywhere"): every <see cref="JwtSettings.StampCheck"/> the open connections' security stamps are checked, and a
/// connection whose stamp is no longer its user's is aborted. Without this a connection would outlive its revocation
/// until its token or cookie expired.
/// </summary>
public sealed class HubSessions(SessionStamps stamps, IOptions<JwtSettings> settings, IOptions<IdentityOptions> identity, ILogger<HubSessions> logger)
    : BackgroundService
{
    private sealed record Open(HubCallerContext Context, Guid Tenant, Guid User, string? Stamp);

    private readonly ConcurrentDictionary<string, Open> _open = new();

    public void Opened(HubCallerContext context, Guid tenant, Guid user)
    {
        var principal = context.User ?? new ClaimsPrincipal();
        // A bearer principal carries the stamp's hash; the console cookie carries the stamp itself.
        var stamp = principal.FindFirstValue(AccessTokens.PrincipalStampClaim)
                    ?? (principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) is { } raw ? SecurityStampHash.Of(raw) : null);
        _open[context.ConnectionId] = new Open(context, tenant, user, stamp);
    }

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.StampCheck);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Checking the hub connections' sessions failed; trying again at the next interval");
            }
        }
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        foreach (var session in _open.Values.GroupBy(o => (o.Tenant, o.User, o.Stamp)))
        {
            if (await stamps.IsCurrentAsync(session.Key.Tenant, session.Key.User, session.Key.Stamp, ct)) continue;
            foreach (var connection in session)
            {
                connection.Context.Abort();
                _open.TryRemove(connection.Context.ConnectionId, out _);
            }
            logger.LogInformation("Closed {Count} hub connections of user {UserId}: the session was revoked", session.Count(), session.Key.User);
        }
    }
}
