namespace Autonomus.Core.Tenancy;

/// <summary>
/// Who is acting, and for which tenant. A null tenant means "no tenant": tenant-owned tables then read as
/// empty and writes are refused. A null user means the system itself (seeding, background jobs), which is
/// not limited by roles.
/// </summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    /// <summary>The signed-in user, when there is one.</summary>
    Guid? UserId { get; }

    /// <summary>The user's roles (<see cref="Roles"/>); empty for the system.</summary>
    IReadOnlySet<string> Roles { get; }

    /// <summary>The user's sales team, empty when none.</summary>
    string Team { get; }

    /// <summary>
    /// The API key acting, when the request authenticated with one. A key is a principal of its own: it has no
    /// user (it is not its issuer) and is never the system.
    /// </summary>
    Guid? ApiKeyId => null;

    /// <summary>The user's name as the ledger records it, when the host knows it (otherwise it is looked up).</summary>
    string? DisplayName => null;
}
