using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Sessions;

public sealed record RefreshTokenIssued(string Token, DateTimeOffset ExpiresAt);

/// <summary>A redeemed refresh token: who it was for, and the next token of its family.</summary>
public sealed record RefreshRedeemed(Guid TenantId, Guid UserId, RefreshTokenIssued Next);

/// <summary>Issues and redeems rotating, single-use refresh tokens (<see cref="RefreshToken"/>).</summary>
public sealed class RefreshTokens(ICrmDbFactory dbFactory, TimeProvider clock, ILogger<RefreshTokens> logger)
{
    public const string Prefix = "rt";

    /// <summary>Starts a new family for a person who just signed in with password and code.</summary>
    public async Task<RefreshTokenIssued> IssueAsync(Guid tenantId, Guid userId, string stampHash, TimeSpan lifetime, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsTenantAsync(tenantId, ct);
        var issued = Add(db, tenantId, userId, Guid.CreateVersion7(), stampHash, lifetime);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    /// <summary>
    /// Spends <paramref name="presented"/> and returns the next token of its family, or null (the caller answers a
    /// bare 401). A spent token presented again revokes its whole family: someone else holds a copy.
    /// </summary>
    public async Task<RefreshRedeemed?> RedeemAsync(string presented, TimeSpan lifetime, CancellationToken ct = default)
    {
        if (!TenantScopedSecret.TryParse(Prefix, presented, out var secret)) return null;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.OpenAsTenantAsync(secret.TenantId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == secret.Id, ct);
        if (token is null || !secret.Matches(token.SecretHash)) return null;

        if (token.WhyNotRedeemable(now) is { } reason)
        {
            if (token.UsedAt is not null) await RevokeFamilyAsync(db, token, "a spent refresh token was presented again", ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Refresh refused for user {UserId}: {Reason}", token.UserId, reason);
            return null;
        }
        // Claimed with a condition, so that of two concurrent refreshes with one token only one gets through; the other is a reuse.
        var claimed = await db.RefreshTokens.Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), ct);
        if (claimed == 0)
        {
            await RevokeFamilyAsync(db, token, "a refresh token was used twice at once", ct);
            await tx.CommitAsync(ct);
            return null;
        }

        if (!SecurityStampHash.Same(await SecurityStampHash.CurrentAsync(db, token.UserId, now, ct), token.StampHash))
        {
            await RevokeFamilyAsync(db, token, "the user's sessions were ended", ct);
            await tx.CommitAsync(ct);
            return null;
        }

        var next = Add(db, token.TenantId, token.UserId, token.FamilyId, token.StampHash, lifetime);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RefreshRedeemed(token.TenantId, token.UserId, next);
    }

    private RefreshTokenIssued Add(ICrmDb db, Guid tenantId, Guid userId, Guid familyId, string stampHash, TimeSpan lifetime)
    {
        var secret = TenantScopedSecret.New(Prefix, tenantId);
        var now = clock.GetUtcNow();
        var token = new RefreshToken(secret.Id, tenantId, userId, familyId, secret.Hash(), stampHash, now, now + lifetime);
        db.RefreshTokens.Add(token);
        return new RefreshTokenIssued(secret.ToString(), token.ExpiresAt);
    }

    private async Task RevokeFamilyAsync(ICrmDb db, RefreshToken token, string why, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), ct);
        logger.LogWarning("Refresh-token family of user {UserId} revoked ({Count} tokens): {Why}", token.UserId, revoked, why);
    }
}
