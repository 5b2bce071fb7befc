using System.Linq.Expressions;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Accounts;

public sealed record AccountListFilter(string? Search = null, string? Industry = null, Guid? OwnerId = null);

public sealed record AccountRow(Guid Id, string Name, string? Industry, string? City, string? Country, string? OwnerName,
    int ContactCount, int OpenDealCount, DateTimeOffset? LastActivityAt);

public sealed record AccountDetail(Guid Id, string Name, string? Industry, string? Website, string? Phone, string? City,
    string? Country, Guid? OwnerId, string? OwnerName, DateTimeOffset? LastActivityAt, DateTimeOffset CreatedAt, int Version, string? Rut = null);

public sealed record AccountOption(Guid Id, string Name);

public sealed class AccountQueries(ICrmDbFactory dbFactory, RecordAccess access)
{
    public static readonly IReadOnlyDictionary<string, Expression<Func<Account, object?>>> SortKeys =
        new Dictionary<string, Expression<Func<Account, object?>>>
        {
            ["name"] = a => a.Name,
            ["industry"] = a => a.Industry,
            ["city"] = a => a.City,
            ["lastActivity"] = a => a.LastActivityAt,
            ["created"] = a => a.CreatedAt,
        };

    public async Task<Page<AccountRow>> ListAsync(AccountListFilter filter, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var query = access.Visible(db, db.Accounts.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = Like.Contains(filter.Search);
            query = query.Where(a => EF.Functions.Like(a.Name.ToLower(), pattern) || EF.Functions.Like((a.City ?? "").ToLower(), pattern));
        }
        if (!string.IsNullOrWhiteSpace(filter.Industry)) query = query.Where(a => a.Industry == filter.Industry);
        if (filter.OwnerId is { } owner) query = query.Where(a => a.OwnerId == owner);

        return access.ShownPage(await query.ToPageAsync(page, SortKeys, "name", false, a => a.Id,
            a => new AccountRow(a.Id, a.Name, a.Industry, a.City, a.Country,
                db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Contacts.Count(c => c.AccountId == a.Id),
                db.Deals.Count(d => d.AccountId == a.Id && d.Stage != DealStage.ClosedWon && d.Stage != DealStage.ClosedLost),
                a.LastActivityAt),
            ct));
    }

    public async Task<AccountDetail?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return access.ShownRecord(await access.Visible(db, db.Accounts.AsNoTracking()).Where(a => a.Id == id)
            .Select(a => new AccountDetail(a.Id, a.Name, a.Industry, a.Website, a.Phone, a.City, a.Country, a.OwnerId,
                db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                a.LastActivityAt, a.CreatedAt, a.Version, a.Rut))
            .SingleOrDefaultAsync(ct));
    }

    /// <summary>Accounts whose name contains <paramref name="search"/>, for pickers; at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<AccountOption>> SearchOptionsAsync(string? search, Guid? include = null, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var query = access.Visible(db, db.Accounts.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(a => EF.Functions.Like(a.Name.ToLower(), Like.Contains(search)));
        var options = await query.OrderBy(a => a.Name).Take(take).Select(a => new AccountOption(a.Id, a.Name)).ToListAsync(ct);
        if (include is { } id && options.All(o => o.Id != id))
        {
            var current = await access.Visible(db, db.Accounts.AsNoTracking()).Where(a => a.Id == id).Select(a => new AccountOption(a.Id, a.Name)).SingleOrDefaultAsync(ct);
            if (current is not null) options.Insert(0, current);
        }
        return options;
    }

    public async Task<IReadOnlyList<string>> ListIndustriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return await db.Accounts.AsNoTracking().Where(a => a.Industry != null).Select(a => a.Industry!).Distinct().OrderBy(i => i).ToListAsync(ct);
    }
}
