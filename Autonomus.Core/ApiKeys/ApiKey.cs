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
/// once, when issued. It acts on behalf of the Admin who issued it, within its scope.
/// </summary>
public sealed class ApiKey : ITenantOwned
{
    private ApiKey() { }

    internal ApiKey(Guid id, string name, ApiKeyScope scope, byte[] secretHash, Guid createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        Scope = scope;
        SecretHash = secretHash;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
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

    public bool IsActive => RevokedAt is null;

    public void Revoke(DateTimeOffset at)
    {
        if (RevokedAt is not null) throw new DomainRuleViolation("This key is already revoked.");
        RevokedAt = at;
    }

    public void MarkUsed(DateTimeOffset at) => LastUsedAt = at;
}
