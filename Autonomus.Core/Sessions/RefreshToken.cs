using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Sessions;

/// <summary>
/// One link of a refresh-token family (a sign-in through the API). Only a hash of the secret is stored; each token is
/// used once and replaced by the next of its family; presenting a spent one means it was copied, and the whole family
/// is revoked. The user's security stamp (hashed) is remembered, so a changed password, role or MFA, a disabled user
/// or "sign out everywhere" refuses the next refresh.
/// </summary>
public sealed class RefreshToken : ITenantOwned
{
    private RefreshToken() { }

    internal RefreshToken(Guid id, Guid tenantId, Guid userId, Guid familyId, byte[] secretHash, string stampHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        TenantId = tenantId;
        UserId = userId;
        FamilyId = familyId;
        SecretHash = secretHash;
        StampHash = stampHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; set; }
    public Guid UserId { get; private set; }
    public Guid FamilyId { get; private set; }
    public byte[] SecretHash { get; private set; } = [];
    public string StampHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Why this token cannot be redeemed now, or null when it can.</summary>
    public string? WhyNotRedeemable(DateTimeOffset now) =>
        UsedAt is not null ? "already used"
        : RevokedAt is not null ? "revoked"
        : now >= ExpiresAt ? "expired"
        : null;
}
