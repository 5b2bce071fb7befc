using System.Linq.Expressions;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Contacts;

public sealed record ContactListFilter(string? Search = null, Guid? AccountId = null, Guid? OwnerId = null);

public sealed record ContactRow(Guid Id, string FullName, string? Title, string? Email, string? Phone, Guid AccountId,
    string? AccountName, string? OwnerName, DateTimeOffset? LastActivityAt);

public sealed record ContactDetail(Guid Id, string FirstName, string LastName, string? Title, string? Email, string? Phone,
    Guid AccountId, string? AccountName, Guid? OwnerId, string? OwnerName, DateTimeOffset? LastActivityAt, DateTimeOffset CreatedAt, int Version)
{
    public string FullName => $"{FirstName} {LastName}";
}

public sealed class ContactQueries(ICrmDbFactory dbFactory, RecordAccess access)
{
    public static readonly IReadOnlyDictionary<string, Expression<Func<Contact, object?>>> SortKeys =
        new Dictionary<string, Expression<Func<Contact, object?>>>
        {
            ["name"] = c => c.LastName,
            ["title"] = c => c.Title,
            ["email"] = c => c.Email,
            ["lastActivity"] = c => c.LastActivityAt,
            ["created"] = c => c.CreatedAt,
        };

    public async Task<Page<ContactRow>> ListAsync(ContactListFilter filter, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var query = access.Visible(db, db.Contacts.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = Like.Contains(filter.Search);
            // Whoever reads emails masked cannot search by them either: a match would reveal the hidden value.
            var byEmail = !access.MasksPersonalData;
            query = query.Where(c => EF.Functions.Like((c.FirstName + " " + c.LastName).ToLower(), pattern)
                                     || (byEmail && EF.Functions.Like((c.Email ?? "").ToLower(), pattern)));
        }
        if (filter.AccountId is { } account) query = query.Where(c => c.AccountId == account);
        if (filter.OwnerId is { } owner) query = query.Where(c => c.OwnerId == owner);

        // Sorting by a masked value would reveal its order: masked readers get the default order instead.
        if (access.MasksPersonalData && page.SortBy == "email") page = page with { SortBy = null };
        var result = await query.ToPageAsync(page, SortKeys, "name", false, c => c.Id,
            c => new ContactRow(c.Id, c.FirstName + " " + c.LastName, c.Title, c.Email, c.Phone, c.AccountId,
                db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.Name).FirstOrDefault(),
                db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                c.LastActivityAt),
            ct);
        access.ShownPage(result);
        return access.MasksPersonalData
            ? result with { Items = [.. result.Items.Select(r => r with { Email = PersonalDataMask.Email(r.Email), Phone = PersonalDataMask.Phone(r.Phone) })] }
            : result;
    }

    public async Task<ContactDetail?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var contact = await access.Visible(db, db.Contacts.AsNoTracking()).Where(c => c.Id == id)
            .Select(c => new ContactDetail(c.Id, c.FirstName, c.LastName, c.Title, c.Email, c.Phone, c.AccountId,
                db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.Name).FirstOrDefault(), c.OwnerId,
                db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                c.LastActivityAt, c.CreatedAt, c.Version))
            .SingleOrDefaultAsync(ct);
        access.ShownRecord(contact);
        return contact is not null && access.MasksPersonalData
            ? contact with { Email = PersonalDataMask.Email(contact.Email), Phone = PersonalDataMask.Phone(contact.Phone) }
            : contact;
    }
}
