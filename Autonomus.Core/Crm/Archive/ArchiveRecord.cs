using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.History;
using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm;

/// <summary>What happens to an account's contacts and deals when it is archived: they go with it, or they stay in the lists.</summary>
public enum RelatedRecords { Keep, Archive }

/// <summary>What an archive did: the record and how many related ones went with it (one batch, undone together).</summary>
public sealed record ArchiveOutcome(Guid BatchId, int Archived, int RelatedKept);

/// <summary>
/// Archive instead of delete: a record leaves the lists with a reason and comes back the same way; nothing is removed and
/// every step is a change event (one batch) and a ledger entry. Archiving an account asks what happens to its contacts and
/// deals: the caller must say, when there are any.
/// </summary>
public sealed class ArchiveRecord(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext actor, LedgerWriter ledger, TimeProvider clock)
{
    public async Task<ArchiveOutcome> ArchiveAsync(RecordType type, Guid id, string reason, RelatedRecords? related, int? expectedVersion = null, CancellationToken ct = default)
    {
        if (type is not (RecordType.Lead or RecordType.Contact or RecordType.Account or RecordType.Deal))
            throw InputInvalid.For("kind", "Leads, contacts, accounts and deals can be archived.");
        var tenantId = actor.TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = await ArchivedRecords.FindAnyAsync(db, type, id, ct) ?? throw new RecordNotFound(type.ToString(), id);
        if (record.ArchivedAt is not null) throw new DomainRuleViolation(await ArchivedRecords.WhyArchivedAsync(db, type, id, ct) ?? "This record is already archived.");
        if (expectedVersion is { } v) db.ExpectVersion(record, v);
        await access.EnsureCanChangeAsync(db, record, ct);
        var now = clock.GetUtcNow();
        var batch = Guid.CreateVersion7();
        await ChangeContext.SetAsync(db, null, $"archive:{type.ToString().ToLowerInvariant()}:{id}", batch, batch, ct);

        var (contacts, deals) = record is Account
            ? (db.Contacts.Where(c => c.AccountId == id), db.Deals.Where(d => d.AccountId == id))
            : (db.Contacts.Where(_ => false), db.Deals.Where(_ => false));
        var (contactCount, dealCount) = (await contacts.CountAsync(ct), await deals.CountAsync(ct));
        var relatedCount = contactCount + dealCount;
        if (relatedCount > 0 && related is null)
            throw InputInvalid.For("related", $"This account has {contactCount} contacts and {dealCount} deals: say whether they are archived with it or kept.");
        var archived = 1;
        record.Archive(reason, now);
        if (relatedCount > 0 && related == RelatedRecords.Archive)
        {
            // Whoever archives them must be allowed to change every one (one count, not a query per record).
            if (await access.Visible(db, contacts).CountAsync(ct) + await access.Visible(db, deals).CountAsync(ct) != relatedCount)
                throw new AccessDenied("Some of this account's contacts or deals belong to people outside your team: keep them, or ask an Admin.");
            foreach (var r in (await contacts.ToListAsync(ct)).Cast<CrmRecord>().Concat(await deals.ToListAsync(ct)))
            {
                r.Archive(reason, now);
                archived++;
            }
        }
        await db.SaveChangesAsync(ct);
        var who = await LedgerActor.OfAsync(db, actor, "archive", ct);
        await ledger.AppendAsync(db, tenantId, [new LedgerDraft(LedgerKinds.RecordArchived, who.Type, who.Id, who.Name, type.ToString().ToLowerInvariant(), id, batch,
            CanonicalJson.Serialize(new { reason = record.ArchiveReason, related = related?.ToString().ToLowerInvariant(), archived, batch_id = batch }))], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ArchiveOutcome(batch, archived, related == RelatedRecords.Keep ? relatedCount : 0);
    }

    /// <summary>Brings an archived record back into the lists (its related records, if archived with it, are brought back one by one).</summary>
    public async Task UnarchiveAsync(RecordType type, Guid id, CancellationToken ct = default)
    {
        var tenantId = actor.TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = await ArchivedRecords.FindAnyAsync(db, type, id, ct) ?? throw new RecordNotFound(type.ToString(), id);
        // Who may bring it back follows its owner, as for a live record.
        await access.EnsureCanChangeAsync(db, record, ct);
        var reason = record.ArchiveReason;
        record.Unarchive();
        var correlation = Guid.CreateVersion7();
        await ChangeContext.SetAsync(db, null, $"unarchive:{type.ToString().ToLowerInvariant()}:{id}", correlation, ct: ct);
        await db.SaveChangesAsync(ct);
        var who = await LedgerActor.OfAsync(db, actor, "archive", ct);
        await ledger.AppendAsync(db, tenantId, [new LedgerDraft(LedgerKinds.RecordUnarchived, who.Type, who.Id, who.Name, type.ToString().ToLowerInvariant(), id, correlation,
            CanonicalJson.Serialize(new { archived_because = reason }))], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
