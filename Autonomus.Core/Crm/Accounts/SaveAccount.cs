using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Accounts;

public sealed class SaveAccount(ICrmDbFactory dbFactory, RecordAccess access)
{
    public async Task<Guid> CreateAsync(AccountInput input, CancellationToken ct = default)
    {
        InputInvalid.ThrowIfInvalid(input);
        await using var db = await dbFactory.OpenAsync(ct);
        var owner = access.OwnerFor(input.OwnerId);
        await access.EnsureCanAssignAsync(db, owner, ct);
        var account = new Account(input.Name.Trim(), owner);
        Apply(account, input);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        return account.Id;
    }

    public async Task UpdateAsync(Guid id, int expectedVersion, AccountInput input, CancellationToken ct = default)
    {
        InputInvalid.ThrowIfInvalid(input);
        await using var db = await dbFactory.OpenAsync(ct);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new RecordNotFound("Account", id);
        db.ExpectVersion(account, expectedVersion);
        await access.EnsureCanChangeAsync(db, account, ct);
        await access.EnsureCanAssignAsync(db, input.OwnerId, ct);
        Apply(account, input);
        account.AssignOwner(input.OwnerId);
        await db.SaveChangesAsync(ct);
    }

    private static void Apply(Account account, AccountInput input)
    {
        account.UpdateDetails(input.Name.Trim(), Text.Blank(input.Industry), Text.Blank(input.Website), Text.Blank(input.Phone),
            Text.Blank(input.City), Text.Blank(input.Country));
        account.SetRut(input.Rut);
    }
}
