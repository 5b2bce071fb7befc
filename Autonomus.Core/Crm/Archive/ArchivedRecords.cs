using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm;

/// <summary>An archived record as the archive lists it: what it was, when and why it left the lists, and who it was merged into if it was.</summary>
public sealed record ArchivedRecord(RecordType RecordType, Guid Id, string Label, DateTimeOffset ArchivedAt, string? Reason, Guid? MergedIntoId, int Version);

/// <summary>
/// Archived records, which every other query leaves out: the CRM tables carry two named filters, the tenant's and "live",
/// and only what reads the archive lifts the second (the tenant's, and row-level security beneath it, always hold).
/// </summary>
public sealed class ArchivedRecords(ICrmDbFactory dbFactory, RecordAccess access)
{
    public const string TenantFilter = "tenant";
    public const string LiveFilter = "live";
    private static readonly string[] Live = [LiveFilter];

    /// <summary>A CRM table with its archived rows (the tenant's filter, and row-level security, still hold).</summary>
    public static IQueryable<T> IncludingArchived<T>(IQueryable<T> records) where T : CrmRecord => records.IgnoreQueryFilters(Live);

    /// <summary>The records of a kind with these ids, archived or not, untracked (one query).</summary>
    public static async Task<List<CrmRecord>> LoadAnyAsync(ICrmDb db, RecordType type, IReadOnlyCollection<Guid> ids, CancellationToken ct) => type switch
    {
        RecordType.Lead => [.. await IncludingArchived(db.Leads).AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct)],
        RecordType.Deal => [.. await IncludingArchived(db.Deals).AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct)],
        RecordType.Account => [.. await IncludingArchived(db.Accounts).AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct)],
        RecordType.Contact => [.. await IncludingArchived(db.Contacts).AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct)],
        RecordType.Activity => [.. await IncludingArchived(db.Activities).AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct)],
        _ => [],
    };

    /// <summary>A record of this tenant whether archived or not (tracked), or null.</summary>
    public static async Task<CrmRecord?> FindAnyAsync(ICrmDb db, RecordType type, Guid id, CancellationToken ct) => type switch
    {
        RecordType.Lead => await IncludingArchived(db.Leads).SingleOrDefaultAsync(r => r.Id == id, ct),
        RecordType.Deal => await IncludingArchived(db.Deals).SingleOrDefaultAsync(r => r.Id == id, ct),
        RecordType.Account => await IncludingArchived(db.Accounts).SingleOrDefaultAsync(r => r.Id == id, ct),
        RecordType.Contact => await IncludingArchived(db.Contacts).SingleOrDefaultAsync(r => r.Id == id, ct),
        RecordType.Activity => await IncludingArchived(db.Activities).SingleOrDefaultAsync(r => r.Id == id, ct),
        _ => null,
    };

    /// <summary>Why a change to an archived record is refused, with its reason; null when the record is live (or not there at all).</summary>
    public static async Task<string?> WhyArchivedAsync(ICrmDb db, RecordType type, Guid id, CancellationToken ct) =>
        await FindAnyAsync(db, type, id, ct) is { ArchivedAt: { } at } record
            ? record.MergedIntoId is { } into
                ? $"This {Kind(type)} was merged into another record ({into}) on {at:yyyy-MM-dd} and is archived."
                : $"This {Kind(type)} was archived on {at:yyyy-MM-dd}: {record.ArchiveReason}. Bring it back from the archive first."
            : null;

    /// <summary>The archived records of a kind this user may see, most recently archived first (server paging, an index range).</summary>
    public async Task<Page<ArchivedRecord>> ListAsync(RecordType type, PageRequest page, CancellationToken ct = default)
    {
        page = page.Normalized();
        await using var db = await dbFactory.OpenAsync(ct);
        IQueryable<T> Window<T>(DbSet<T> set) where T : CrmRecord =>
            Archived(db, set).OrderByDescending(r => r.ArchivedAt).ThenByDescending(r => r.Id).Skip(page.Skip).Take(page.Take + 1);
        var items = type switch
        {
            RecordType.Lead => await Window(db.Leads).Select(r => new ArchivedRecord(type, r.Id, r.FirstName + " " + r.LastName, r.ArchivedAt!.Value, r.ArchiveReason, r.MergedIntoId, r.Version)).ToListAsync(ct),
            RecordType.Deal => await Window(db.Deals).Select(r => new ArchivedRecord(type, r.Id, r.Name, r.ArchivedAt!.Value, r.ArchiveReason, r.MergedIntoId, r.Version)).ToListAsync(ct),
            RecordType.Account => await Window(db.Accounts).Select(r => new ArchivedRecord(type, r.Id, r.Name, r.ArchivedAt!.Value, r.ArchiveReason, r.MergedIntoId, r.Version)).ToListAsync(ct),
            RecordType.Contact => await Window(db.Contacts).Select(r => new ArchivedRecord(type, r.Id, r.FirstName + " " + r.LastName, r.ArchivedAt!.Value, r.ArchiveReason, r.MergedIntoId, r.Version)).ToListAsync(ct),
            _ => throw InputInvalid.For("kind", "Leads, contacts, accounts and deals have an archive."),
        };
        return new Page<ArchivedRecord>(items.Take(page.Take).ToList(), page.Skip + items.Count);
    }

    private IQueryable<T> Archived<T>(ICrmDb db, DbSet<T> set) where T : CrmRecord =>
        access.Visible(db, IncludingArchived(set).Where(r => r.ArchivedAt != null).AsNoTracking());

    private static string Kind(RecordType type) => type.ToString().ToLowerInvariant();
}
