using System.Text.Json.Nodes;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.History.Restore;
using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.History.Batches;

/// <summary>One field a batch changed: before the batch, what the batch left, now; a conflict when a later change touched it.</summary>
public sealed record BatchUndoField(string Field, string? Before, string? After, string? Now, bool Conflict);

/// <summary>
/// What undoing a batch does to one record: set fields back (<c>restore</c>), archive what the batch created, bring back what
/// it archived — and what it cannot undo (fields derived from others, a record gone since).
/// </summary>
public sealed record BatchUndoRecord(RecordType RecordType, Guid RecordId, bool Created, bool Archived, IReadOnlyList<BatchUndoField> Fields, IReadOnlyList<string> NotUndone)
{
    public bool HasConflict => Fields.Any(f => f.Conflict);
}

public sealed record BatchUndoPreview(Guid BatchId, int Events, IReadOnlyList<BatchUndoRecord> Records)
{
    public int Conflicts => Records.Count(r => r.HasConflict);
}

/// <summary>
/// How one record came out of the undo: undone, partly (conflicting fields left as they are), left alone (every field in
/// conflict), refused, or nothing to undo (the batch changed only fields derived from others).
/// </summary>
public enum RecordUndoStatus { Undone, Partly, Conflict, Failed, NothingToUndo }

public sealed record RecordUndoOutcome(RecordType RecordType, Guid RecordId, RecordUndoStatus Status, string? Message);

/// <summary>The undo's own batch (it can be undone in turn) and each record's outcome.</summary>
public sealed record BatchUndoResult(Guid UndoBatchId, Guid BatchId, IReadOnlyList<RecordUndoOutcome> Records);

/// <summary>
/// Undoes everything one batch did (a bulk approval, a policy's run, an archive with its related records, later an import or
/// an automation run), from its change events: a preview lists each record and field with conflicts where later changes
/// touched the same fields; the run sets back what is not in conflict, one record per transaction, as a batch of its own.
/// Undoing a whole batch spans many owners' records: it is an Admin's.
/// </summary>
public sealed class UndoBatch(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext actor, LedgerWriter ledger, TimeProvider clock)
{
    private sealed record EventRow(string RecordType, Guid RecordId, string Operation, string Changes);

    /// <summary>Fields about archiving, read as the record's archived state, not restored as values.</summary>
    private static readonly HashSet<string> ArchiveFields = ["archived_at", "archive_reason", "merged_into_id"];

    public async Task<BatchUndoPreview> PreviewAsync(Guid batchId, CancellationToken ct = default)
    {
        access.EnsureAdmin("Undoing a whole batch is for Admins: it spans many people's records.");
        await using var db = await dbFactory.OpenAsync(ct);
        return await PreviewAsync(db, batchId, ct);
    }

    public async Task<BatchUndoResult> RunAsync(Guid batchId, CancellationToken ct = default)
    {
        access.EnsureAdminInPerson("Undoing a whole batch is for an Admin, signed in: it spans many people's records.");
        var tenantId = actor.TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
        BatchUndoPreview preview;
        await using (var read = await dbFactory.OpenAsync(ct)) preview = await PreviewAsync(read, batchId, ct);
        var undo = Guid.CreateVersion7();
        var outcomes = new List<RecordUndoOutcome>();
        try
        {
            foreach (var record in preview.Records)
            {
                ct.ThrowIfCancellationRequested();
                try { outcomes.Add(await UndoOneAsync(record, batchId, undo, ct)); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    outcomes.Add(new RecordUndoOutcome(record.RecordType, record.RecordId, RecordUndoStatus.Failed,
                        e is DomainRuleViolation or InputInvalid or AccessDenied or RecordNotFound or StaleRecord ? e.Message : "The record could not be changed; nothing of it was."));
                }
            }
        }
        finally
        {
            // Whatever was undone before a stop is on the ledger.
            if (outcomes.Count > 0) await RecordAsync(tenantId, batchId, undo, outcomes);
        }
        return new BatchUndoResult(undo, batchId, outcomes);
    }

    private async Task RecordAsync(Guid tenantId, Guid batchId, Guid undo, List<RecordUndoOutcome> outcomes)
    {
        await using var db = await dbFactory.OpenAsync(CancellationToken.None);
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var who = await LedgerActor.OfAsync(db, actor, "batch undo", CancellationToken.None);
        int Count(RecordUndoStatus status) => outcomes.Count(o => o.Status == status);
        await ledger.AppendAsync(db, tenantId, [new LedgerDraft(LedgerKinds.BatchUndone, who.Type, who.Id, who.Name, "batch", batchId, undo,
            CanonicalJson.Serialize(new
            {
                undo_batch_id = undo, records = outcomes.Count, undone = Count(RecordUndoStatus.Undone), partly = Count(RecordUndoStatus.Partly),
                conflicts = Count(RecordUndoStatus.Conflict), failed = Count(RecordUndoStatus.Failed), nothing = Count(RecordUndoStatus.NothingToUndo),
            }))], CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    private async Task<RecordUndoOutcome> UndoOneAsync(BatchUndoRecord r, Guid batchId, Guid undo, CancellationToken ct)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ChangeContext.SetAsync(db, null, $"undo:batch:{batchId}", undo, undo, ct);
        var record = await ArchivedRecords.FindAnyAsync(db, r.RecordType, r.RecordId, ct) ?? throw new RecordNotFound(r.RecordType.ToString(), r.RecordId);
        var context = new ToolContext(db, access, actor, clock);
        // Checked again against the record as it is now, inside this record's transaction: an edit made since the preview is
        // a conflict too.
        var now = RecordFields.Restorable.ContainsKey(r.RecordType) ? RecordFields.Current(record) : [];
        var fields = r.Fields.Select(f => f with { Now = now.GetValueOrDefault(f.Field), Conflict = !RecordFields.Same(now.GetValueOrDefault(f.Field), f.After) }).ToList();
        r = r with { Fields = fields };
        var values = fields.Where(f => !f.Conflict).ToDictionary(f => f.Field, f => f.Before);
        if (!r.Created && !r.Archived && r.Fields.Count == 0)
            return new RecordUndoOutcome(r.RecordType, r.RecordId, RecordUndoStatus.NothingToUndo, $"Only derived fields changed ({string.Join(", ", r.NotUndone)}): nothing to undo.");
        if (r.Created)
        {
            if (record.ArchivedAt is null) record.Archive($"Undone with batch {batchId}", clock.GetUtcNow());
        }
        else
        {
            if (values.Count > 0)
            {
                if (record.ArchivedAt is not null && !r.Archived) throw new DomainRuleViolation(await ArchivedRecords.WhyArchivedAsync(db, r.RecordType, r.RecordId, ct) ?? "The record is archived.");
                (await RecordFields.PlanWriteAsync(context, record, values, ct))();
            }
            if (r.Archived && record.ArchivedAt is not null) record.Unarchive();
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var conflicts = r.Fields.Where(f => f.Conflict).Select(f => f.Field).ToList();
        return conflicts.Count == 0
            ? new RecordUndoOutcome(r.RecordType, r.RecordId, RecordUndoStatus.Undone, null)
            : new RecordUndoOutcome(r.RecordType, r.RecordId, values.Count > 0 || r.Archived ? RecordUndoStatus.Partly : RecordUndoStatus.Conflict,
                $"Changed since the batch, left as they are: {string.Join(", ", conflicts)}.");
    }

    private async Task<BatchUndoPreview> PreviewAsync(ICrmDb db, Guid batchId, CancellationToken ct)
    {
        var events = await db.Database.SqlQuery<EventRow>($"""
            SELECT record_type, record_id, operation, changes::text AS changes FROM change_events WHERE batch_id = {batchId} ORDER BY id
            """).ToListAsync(ct);
        if (events.Count == 0) throw new RecordNotFound("Batch", batchId, "No change belongs to this batch in your organisation.");
        // The records as they are now, one query per kind.
        var current = new Dictionary<Guid, CrmRecord>();
        foreach (var kind in events.Select(e => Enum.Parse<RecordType>(e.RecordType)).Distinct())
        {
            var ids = events.Where(e => e.RecordType == kind.ToString()).Select(e => e.RecordId).Distinct().ToList();
            foreach (var record in await ArchivedRecords.LoadAnyAsync(db, kind, ids, ct)) current[record.Id] = record;
        }
        var records = new List<BatchUndoRecord>();
        foreach (var group in events.GroupBy(e => (e.RecordType, e.RecordId)))
        {
            var type = Enum.Parse<RecordType>(group.Key.RecordType);
            // Per field, its value before the batch's first change and after its last.
            var fields = new Dictionary<string, (JsonNode? Before, JsonNode? After)>();
            foreach (var e in group)
                foreach (var (field, pair) in JsonNode.Parse(e.Changes)!.AsObject())
                    fields[field] = (fields.TryGetValue(field, out var seen) ? seen.Before : pair?[0]?.DeepClone(), pair?[1]?.DeepClone());
            var created = group.Any(e => e.Operation == "created");
            var archived = group.Any(e => e.Operation == "archived") && !group.Any(e => e.Operation == "restored");
            if (!current.TryGetValue(group.Key.RecordId, out var now))
            {
                records.Add(new BatchUndoRecord(type, group.Key.RecordId, created, archived, [], ["the record is gone"]));
                continue;
            }
            var nowValues = RecordFields.Restorable.ContainsKey(type) ? RecordFields.Current(now) : [];
            var undoable = created ? [] : fields.Where(f => RecordFields.IsRestorable(type, f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => (f.Key, Before: RecordFields.Text(f.Value.Before), After: RecordFields.Text(f.Value.After), Now: nowValues.GetValueOrDefault(f.Key)))
                .Where(f => !RecordFields.Same(f.Before, f.After))
                .Select(f => new BatchUndoField(f.Key, f.Before, f.After, f.Now, !RecordFields.Same(f.Now, f.After))).ToList();
            var notUndone = created ? [] : fields.Keys.Where(f => !RecordFields.IsRestorable(type, f) && !ArchiveFields.Contains(f)).Order(StringComparer.Ordinal).ToList();
            records.Add(new BatchUndoRecord(type, group.Key.RecordId, created, archived, undoable, notUndone));
        }
        return new BatchUndoPreview(batchId, events.Count, records);
    }
}
