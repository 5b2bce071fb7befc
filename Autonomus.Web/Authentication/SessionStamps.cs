using Autonomus.Core.Sessions;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Autonomus.Web.Authentication;

/// <summary>
/// Whether a token's security stamp is still the user's: the check that ends access tokens and hub connections of a
/// disabled user, a changed password, role or MFA, or "sign out everywhere". The stamp is read under the token's
/// tenant and trusted for <see cref="JwtSettings.StampCheck"/>, so revocation takes at most that long and a busy API
/// costs one lookup per user per interval.
/// </summary>
public sealed class SessionStamps(IMemoryCache cache, IServiceScopeFactory scopes, TimeProvider clock, IOptions<JwtSettings> settings)
{
    public async Task<bool> IsCurrentAsync(Guid tenantId, Guid userId, string? stampHash, CancellationToken ct)
    {
        var current = await cache.GetOrCreateAsync(("stamp", tenantId, userId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = settings.Value.StampCheck;
            return LoadAsync(tenantId, userId, ct);
        });
        return SecurityStampHash.Same(current, stampHash);
    }

    private async Task<string?> LoadAsync(Guid tenantId, Guid userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<ICrmDbFactory>().OpenAsTenantAsync(tenantId, ct);
        return await SecurityStampHash.CurrentAsync(db, userId, clock.GetUtcNow(), ct);
    }
}
