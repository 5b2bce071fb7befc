using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm;

/// <summary>Refuses an owner who is not a user of the current tenant.</summary>
public sealed class OwnerCheck(ITenantContext tenant)
{
    public async Task EnsureInTenantAsync(ICrmDb db, Guid? ownerId, CancellationToken ct)
    {
        if (ownerId is not { } id) return;
        var ok = await db.Users.AnyAsync(u => u.Id == id && u.TenantId == tenant.TenantId, ct);
        if (!ok) throw InputInvalid.For("OwnerId", "Choose an owner from your organisation.");
    }
}
