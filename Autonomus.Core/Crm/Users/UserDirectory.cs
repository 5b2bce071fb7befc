using Autonomus.Core.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Users;

/// <summary>Whom the current user may assign a record to, for owner pickers and filters; the rules are RecordAccess's.</summary>
public sealed class UserDirectory(ICrmDbFactory dbFactory, RecordAccess access)
{
    public async Task<IReadOnlyList<OwnerOption>> ListOwnersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return await access.AssignableOwners(db)
            .OrderBy(u => u.DisplayName)
            .Select(u => new OwnerOption(u.Id, u.DisplayName, u.Team))
            .ToListAsync(ct);
    }
}
