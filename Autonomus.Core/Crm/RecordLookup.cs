using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm;

/// <summary>Finds a record of the current tenant by its kind and id: one place for the switch over record kinds.</summary>
public static class RecordLookup
{
    /// <summary>The record (tracked), or null when it does not exist in this tenant.</summary>
    public static async Task<CrmRecord?> FindAsync(ICrmDb db, RecordType type, Guid id, CancellationToken ct) => type switch
    {
        RecordType.Lead => await db.Leads.SingleOrDefaultAsync(r => r.Id == id, ct),
        RecordType.Deal => await db.Deals.SingleOrDefaultAsync(r => r.Id == id, ct),
        RecordType.Account => await db.Accounts.SingleOrDefaultAsync(r => r.Id == id, ct),
        RecordType.Contact => await db.Contacts.SingleOrDefaultAsync(r => r.Id == id, ct),
        RecordType.Activity => await db.Activities.SingleOrDefaultAsync(r => r.Id == id, ct),
        _ => null,
    };

    /// <summary>The record's current version without loading it, or null when it is gone.</summary>
    public static Task<int?> VersionAsync(ICrmDb db, RecordType type, Guid id, CancellationToken ct) => type switch
    {
        RecordType.Lead => db.Leads.Where(r => r.Id == id).Select(r => (int?)r.Version).SingleOrDefaultAsync(ct),
        RecordType.Deal => db.Deals.Where(r => r.Id == id).Select(r => (int?)r.Version).SingleOrDefaultAsync(ct),
        RecordType.Account => db.Accounts.Where(r => r.Id == id).Select(r => (int?)r.Version).SingleOrDefaultAsync(ct),
        RecordType.Contact => db.Contacts.Where(r => r.Id == id).Select(r => (int?)r.Version).SingleOrDefaultAsync(ct),
        RecordType.Activity => db.Activities.Where(r => r.Id == id).Select(r => (int?)r.Version).SingleOrDefaultAsync(ct),
        _ => Task.FromResult<int?>(null),
    };
}
