using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.ApiKeys;

public enum ApiKeyScope
{
    Read,
    ReadWrite,
}

/// <summary>
/// A machine's credential for the REST API. Only a SHA-256 hash of the secret is stored; the key is shown
/// once, when issued. A key is a principal of its own (<c>apikey:&lt;name&gt;</c>), not its issuer: the issuer is
/// recorded for audit only, so locking a person out never stops an integration. It dies by revocation or expiry.
/// </summary>
public sealed class ApiKey : ITenantOwned
{
    private ApiKey() { }

    internal ApiKey(Guid id, string name, ApiKeyScope scope, byte[] secretHash, Guid createdBy, DateTimeOffset createdAt, DateTimeOffset? expiresAt)
    {
        Id = id;
        Name = name;
        Scope = scope;
        SecretHash = secretHash;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; set; }
    public string Name { get; private set; } = "";
    public ApiKeyScope Scope { get; private set; }
    public byte[] SecretHash { get; private set; } = [];
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    /// <summary>Optional: after this moment the key is refused like a revoked one.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    /// <summary>The principal's name on the ledger and in logs.</summary>
    public string PrincipalName => $"apikey:{Name}";

    public void Revoke(DateTimeOffset at)
    {
        if (RevokedAt is not null) throw new DomainRuleViolation("This key is already revoked.");
        RevokedAt = at;
    }

    public void MarkUsed(DateTimeOffset at) => LastUsedAt = at;
}
