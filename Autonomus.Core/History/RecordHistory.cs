using System.Text.Json;
using System.Text.Json.Nodes;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.History;

/// <summary>One field's change: its value before and after (JSON; null when it had none), and for a reference (an owner, an account) the name it stands for.</summary>
public sealed record FieldChange(string Field, JsonNode? Old, JsonNode? New, string? OldLabel = null, string? NewLabel = null);

/// <summary>
/// One change to a record as people read it: what happened (created, updated, archived, restored), which fields, who
/// (a person or API key by name, a policy, the system), why (the suggestion it applied) and when.
/// </summary>
public sealed record HistoryEntry(long Id, DateTimeOffset At, string Operation, int? Version, string ActorType, string Actor, string? ActorName,
    string? Cause, Guid? CorrelationId, Guid? BatchId, IReadOnlyList<FieldChange> Changes);

/// <summary>Which changes to list: those touching a field, those by a kind of actor (person, api_key, policy, system…).</summary>
public sealed record HistoryFilter(string? Field = null, string? ActorType = null);

/// <summary>
/// A record's history, newest first, for whoever may see the record (RecordAccess), with personal data masked for those
/// who see it masked; and the record as it was at a moment (<see cref="AsOfAsync"/>), rebuilt from its events.
/// </summary>
public sealed class RecordHistory(ICrmDbFactory dbFactory, RecordAccess access, TimeProvider clock)
{
    private sealed record Row(long Id, DateTimeOffset At, string Operation, int? Version, string ActorType, string Actor, string? ActorName,
        string? Cause, Guid? CorrelationId, Guid? BatchId, string Changes);

    /// <summary>Fields whose values an Auditor sees masked, in history as on the record.</summary>
    private static readonly Dictionary<string, Func<string?, string?>> Masked = new()
    {
        ["email"] = PersonalDataMask.Email, ["phone"] = PersonalDataMask.Phone,
    };

    public async Task<Page<HistoryEntry>> ListAsync(RecordType type, Guid id, HistoryFilter filter, PageRequest page, CancellationToken ct = default)
    {
        page = page.Normalized();
        await using var db = await dbFactory.OpenAsync(ct);
        var (field, actorType) = (Text.Blank(filter.Field), Text.Blank(filter.ActorType));
        // One round trip: the record's events (its index range), only if the reader may see the record (an EXISTS composed
        // from RecordAccess), newest first by id — the order of the writes.
        var visible = access.VisibleRecord(db, type, id);
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT e.id, e.at, e.operation, e.version, e.actor_type, e.actor,
                   CASE WHEN e.actor ~ '^person:[0-9a-f-]+$' AND length(e.actor) = 43 THEN (SELECT u.display_name FROM users u WHERE u.id = split_part(e.actor, ':', 2)::uuid)
                        WHEN e.actor ~ '^api_key:[0-9a-f-]+$' AND length(e.actor) = 44 THEN (SELECT k.name FROM api_keys k WHERE k.id = split_part(e.actor, ':', 2)::uuid) END AS actor_name,
                   e.cause, e.correlation_id, e.batch_id, e.changes::text AS changes
            FROM change_events e
            WHERE e.record_id = {id} AND e.record_type = {type.ToString()}
              AND ({field}::text IS NULL OR jsonb_exists(e.changes, {field})) AND ({actorType}::text IS NULL OR e.actor_type = {actorType})
            """).Where(_ => visible.Any()).OrderByDescending(r => r.Id).Skip(page.Skip).Take(page.Take + 1).ToListAsync(ct);
        // Nothing came back: a record without events (or none matching) — or one the reader may not see, which is not found.
        if (rows.Count == 0) await EnsureVisibleAsync(db, type, id, ct);
        var items = await NameReferencesAsync(db, rows.Take(page.Take).Select(ToEntry).ToList(), ct);
        // The count is what the pager needs to go on, not an exact total: more than a page means "at least one more".
        return new Page<HistoryEntry>(items, page.Skip + rows.Count);
    }

    /// <summary>
    /// The record's tracked fields as they were at <paramref name="at"/> (a moment in the future reads as now), and the
    /// version it had; null when it did not exist yet. The state is always a prefix of the history — every event up to the
    /// last one written at or before the moment, in the order written (times from different writers need not rise with
    /// it) —, rebuilt from the nearest snapshot within that prefix plus the events after it (<paramref name="fromSnapshot"/>
    /// false replays every event since creation: the benchmark's baseline).
    /// </summary>
    public async Task<RecordAsOf?> AsOfAsync(RecordType type, Guid id, DateTimeOffset at, CancellationToken ct = default, bool fromSnapshot = true)
    {
        var now = clock.GetUtcNow();
        if (at > now) at = now;
        await using var db = await dbFactory.OpenAsync(ct);
        await EnsureVisibleAsync(db, type, id, ct);
        var cutoff = (await db.Database.SqlQuery<long?>($"""
            SELECT max(id) AS "Value" FROM change_events WHERE record_id = {id} AND record_type = {type.ToString()} AND at <= {at}
            """).ToListAsync(ct)).SingleOrDefault();
        if (cutoff is null) return null;
        var snapshot = fromSnapshot
            ? (await db.Database.SqlQuery<Snapshot>($"""
                SELECT event_id, version, state::text AS state FROM change_snapshots
                WHERE record_id = {id} AND event_id <= {cutoff} ORDER BY event_id DESC LIMIT 1
                """).ToListAsync(ct)).SingleOrDefault()
            : null;
        var after = snapshot?.EventId ?? 0;
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT e.id, e.at, e.operation, e.version, e.actor_type, e.actor, NULL::text AS actor_name, e.cause, e.correlation_id, e.batch_id,
                   e.changes::text AS changes
            FROM change_events e
            WHERE e.record_id = {id} AND e.record_type = {type.ToString()} AND e.id > {after} AND e.id <= {cutoff}
            ORDER BY e.id
            """).ToListAsync(ct);
        if (snapshot is null && rows.Count == 0) return null;
        var fields = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (snapshot is not null)
            foreach (var (field, value) in JsonNode.Parse(snapshot.State)!.AsObject()) fields[field] = value?.DeepClone();
        foreach (var row in rows)
            foreach (var change in Changes(row.Changes)) fields[change.Field] = change.New;
        var version = rows.Count > 0 ? rows[^1].Version : snapshot!.Version;
        return new RecordAsOf(type, id, at, version, fields.GetValueOrDefault("archived_at") is not null,
            fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => Mask(f.Key, f.Value)));
    }

    private sealed record Snapshot(long EventId, int? Version, string State);

    /// <summary>References people read by name: owners (users) and accounts, in one query each for the page.</summary>
    private static async Task<List<HistoryEntry>> NameReferencesAsync(ICrmDb db, List<HistoryEntry> entries, CancellationToken ct)
    {
        Guid[] Ids(string field) => entries.SelectMany(e => e.Changes).Where(c => c.Field == field).SelectMany(c => new[] { c.Old, c.New })
            .Select(v => Guid.TryParse(v?.ToString(), out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToArray();
        var (owners, accounts) = (Ids("owner_id"), Ids("account_id"));
        if (owners.Length + accounts.Length == 0) return entries;
        var names = (await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).Select(u => new { u.Id, Name = u.DisplayName }).ToListAsync(ct))
            .Concat(await db.Accounts.AsNoTracking().Where(a => accounts.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct))
            .ToDictionary(x => x.Id.ToString(), x => x.Name);
        string? Name(JsonNode? value) => value is null ? null : names.GetValueOrDefault(value.ToString());
        return entries.Select(e => e with
        {
            Changes = e.Changes.Select(c => c.Field is "owner_id" or "account_id" ? c with { OldLabel = Name(c.Old), NewLabel = Name(c.New) } : c).ToList(),
        }).ToList();
    }

    private async Task EnsureVisibleAsync(ICrmDb db, RecordType type, Guid id, CancellationToken ct)
    {
        if (!await access.CanSeeAsync(db, type, id, ct)) throw new RecordNotFound(type.ToString(), id);
    }

    private HistoryEntry ToEntry(Row r) =>
        new(r.Id, r.At, r.Operation, r.Version, r.ActorType, r.Actor, r.ActorName, r.Cause, r.CorrelationId, r.BatchId,
            Changes(r.Changes).Select(c => c with { Old = Mask(c.Field, c.Old), New = Mask(c.Field, c.New) }).ToList());

    private static IEnumerable<FieldChange> Changes(string json) =>
        (JsonNode.Parse(json)?.AsObject() ?? []).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new FieldChange(p.Key, p.Value?[0]?.DeepClone(), p.Value?[1]?.DeepClone()));

    private JsonNode? Mask(string field, JsonNode? value) =>
        access.MasksPersonalData && value is JsonValue v && v.GetValueKind() == JsonValueKind.String && Masked.TryGetValue(field, out var mask)
            ? JsonValue.Create(mask(v.GetValue<string>()))
            : value;
}

/// <summary>A record as it was at a moment: its tracked fields (snake_case, as stored) and the version it had then.</summary>
public sealed record RecordAsOf(RecordType RecordType, Guid Id, DateTimeOffset AsOf, int? Version, bool Archived, IReadOnlyDictionary<string, JsonNode?> Fields);
