using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Contacts;

public sealed class SaveContact(ICrmDbFactory dbFactory, RecordAccess access)
{
    public async Task<Guid> CreateAsync(ContactInput input, CancellationToken ct = default)
    {
        InputInvalid.ThrowIfInvalid(input);
        await using var db = await dbFactory.OpenAsync(ct);
        var accountId = input.AccountId!.Value;
        await access.EnsureCanLinkToAccountAsync(db, accountId, nameof(ContactInput.AccountId), ct);
        var owner = access.OwnerFor(input.OwnerId);
        await access.EnsureCanAssignAsync(db, owner, ct);
        var contact = new Contact(accountId, input.FirstName.Trim(), input.LastName.Trim(), owner);
        Apply(contact, accountId, input);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        return contact.Id;
    }

    public async Task UpdateAsync(Guid id, int expectedVersion, ContactInput input, CancellationToken ct = default)
    {
        InputInvalid.ThrowIfInvalid(input);
        await using var db = await dbFactory.OpenAsync(ct);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new RecordNotFound("Contact", id);
        db.ExpectVersion(contact, expectedVersion);
        await access.EnsureCanChangeAsync(db, contact, ct);
        var accountId = input.AccountId!.Value;
        if (accountId != contact.AccountId) await access.EnsureCanLinkToAccountAsync(db, accountId, nameof(ContactInput.AccountId), ct);
        await access.EnsureCanAssignAsync(db, input.OwnerId, ct);
        Apply(contact, accountId, input);
        contact.AssignOwner(input.OwnerId);
        await db.SaveChangesAsync(ct);
    }

    private static void Apply(Contact contact, Guid accountId, ContactInput input) =>
        contact.UpdateDetails(accountId, input.FirstName.Trim(), input.LastName.Trim(), Text.Blank(input.Email), Text.Blank(input.Phone), Text.Blank(input.Title));
}
