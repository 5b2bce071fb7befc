using System.Text.Json.Nodes;
using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.History.Restore;

/// <summary>
/// One field a restore would set back: its value then and now, and how often it was changed since then (and last by whom):
/// a restore undoes those edits, so the reviewer sees them as conflicts to weigh.
/// </summary>
public sealed record RestoreField(string Field, string? Then, string? Now, int ChangedSince, string? LastChangedBy, DateTimeOffset? LastChangedAt);

/// <summary>What a restore to <see cref="AsOf"/> would change, field by field.</summary>
public sealed record RestorePreview(RecordType RecordType, Guid RecordId, DateTimeOffset AsOf, int? VersionThen, int VersionNow, IReadOnlyList<RestoreField> Fields);

/// <summary>A restore asked for: the suggestion that carries it (null while it waits: the kill switch, a paused agent), and a line on where it went.</summary>
public sealed record RestoreRequest(Guid TriggerId, Guid? SuggestionId, string? SuggestionStatus, RestorePreview Preview);

/// <summary>
/// Restores go through review. A person picks a moment (and, if they like, some fields) on a record's history; the difference
/// between then and now becomes a <c>restore_fields</c> suggestion of the Data Quality agent — reviewed in the queue, decided
/// by the policies like any other, applied by safe apply.
/// </summary>
public sealed class RequestRestore(ICrmDbFactory dbFactory, RecordHistory history, RecordAccess access, ITenantContext actor,
    ProposeSuggestions propose, TimeProvider clock)
{
    /// <summary>What a restore to <paramref name="asOf"/> would change (the record is found first: a moment is asked for only of one that is there).</summary>
    public async Task<RestorePreview> PreviewAsync(RecordType type, Guid id, DateTimeOffset? asOf, IReadOnlyCollection<string>? fields, CancellationToken ct = default)
    {
        if (!RecordFields.Restorable.ContainsKey(type)) throw InputInvalid.For("kind", "Leads, contacts, accounts and deals can be restored.");
        if (fields?.FirstOrDefault(f => !RecordFields.IsRestorable(type, f)) is { } unknown)
            throw InputInvalid.For("fields", $"'{unknown}' is not a field of a {type.ToString().ToLowerInvariant()} that can be restored; one of {string.Join(", ", RecordFields.Restorable[type])}.");
        await using var db = await dbFactory.OpenAsync(ct);
        if (await ArchivedRecords.WhyArchivedAsync(db, type, id, ct) is { } archived) throw new DomainRuleViolation(archived);
        var record = await RecordLookup.FindAsync(db, type, id, ct) ?? throw new RecordNotFound(type.ToString(), id);
        await access.EnsureCanChangeAsync(db, record, ct);
        if (asOf is not { } at) throw InputInvalid.For("asOf", "Say the moment to restore from (ISO 8601, e.g. 2026-11-23T10:00:00Z).");
        var then = await history.AsOfAsync(type, id, at, ct)
            ?? throw new RecordNotFound(type.ToString(), id, $"This {type.ToString().ToLowerInvariant()} did not exist yet at {at:O}: there is nothing to restore from then.");
        var now = RecordFields.Current(record);
        var differing = RecordFields.Restorable[type]
            .Where(f => fields is null || fields.Contains(f))
            .Select(f => (Field: f, Then: RecordFields.Text(then.Fields.GetValueOrDefault(f)), Now: now.GetValueOrDefault(f)))
            .Where(f => !RecordFields.Same(f.Then, f.Now)).ToList();
        if (differing.Count == 0)
            throw new DomainRuleViolation(fields is null
                ? "Nothing to restore: the record's fields are the same now as then."
                : "Nothing to restore: these fields have the same values now as then.");
        var since = await ChangesSinceAsync(db, type, id, then.AsOf, differing.Select(f => f.Field).ToArray(), ct);
        return new RestorePreview(type, id, then.AsOf, then.Version, record.Version, differing.Select(f =>
            since.TryGetValue(f.Field, out var s) ? new RestoreField(f.Field, f.Then, f.Now, s.Count, s.By, s.At) : new RestoreField(f.Field, f.Then, f.Now, 0, null, null)).ToList());
    }

    /// <summary>Raises the restore as a person's request and has it proposed at once (policies decide as for any suggestion).</summary>
    public async Task<RestoreRequest> RequestAsync(RecordType type, Guid id, DateTimeOffset? asOf, IReadOnlyCollection<string>? fields, string? note, CancellationToken ct = default)
    {
        var preview = await PreviewAsync(type, id, asOf, fields, ct);
        var tenantId = actor.TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
        Guid triggerId;
        await using (var db = await dbFactory.OpenAsync(ct))
        {
            if (await db.Triggers.AnyAsync(t => t.Type == DataQualityAgent.RestoreRequested && t.RecordId == id && t.ClosedAt == null, ct))
                throw new DomainRuleViolation("A restore of this record is already waiting for review: approve or reject it in the queue first.");
            var who = await LedgerActor.OfAsync(db, actor, "restore", ct);
            var context = new JsonObject
            {
                ["as_of"] = preview.AsOf.ToString("O"),
                ["requested_by"] = who.Name,
                ["requested_by_id"] = who.Id?.ToString(),
                ["note"] = Text.Blank(note),
                ["fields"] = new JsonArray(preview.Fields.Select(f => (JsonNode)new JsonObject { ["field"] = f.Field, ["value"] = f.Then, ["now"] = f.Now, ["changed_since"] = f.ChangedSince }).ToArray()),
            };
            var trigger = new Trigger(tenantId, DataQualityAgent.RestoreRequested, type, id, context.ToJsonString(), clock.GetUtcNow(), Guid.CreateVersion7());
            db.Triggers.Add(trigger);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { throw new DomainRuleViolation("A restore of this record is already waiting for review: approve or reject it in the queue first."); }
            triggerId = trigger.Id;
        }
        await propose.HandleAsync(1, triggerId, ct);
        await using var read = await dbFactory.OpenAsync(ct);
        var suggestion = await read.Suggestions.Where(s => s.TriggerId == triggerId).Select(s => new { s.Id, s.Status }).SingleOrDefaultAsync(ct);
        return new RestoreRequest(triggerId, suggestion?.Id, suggestion?.Status.ToString(), preview);
    }

    private sealed record SinceRow(string Field, int Count, string Actor, DateTimeOffset At);

    /// <summary>Per field, the changes after the moment (one query over the record's events) and who made the last one, by name.</summary>
    private static async Task<Dictionary<string, (int Count, string? By, DateTimeOffset At)>> ChangesSinceAsync(ICrmDb db, RecordType type, Guid id, DateTimeOffset at,
        string[] fields, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<SinceRow>($"""
            SELECT f.key AS field, count(*)::int AS count, (array_agg(e.actor ORDER BY e.id DESC))[1] AS actor, max(e.at) AS at
            FROM change_events e CROSS JOIN LATERAL jsonb_object_keys(e.changes) AS f(key)
            WHERE e.record_id = {id} AND e.record_type = {type.ToString()} AND e.at > {at} AND f.key = ANY({fields})
            GROUP BY f.key
            """).ToListAsync(ct);
        var people = rows.Select(r => r.Actor.StartsWith("person:", StringComparison.Ordinal) && Guid.TryParse(r.Actor[7..], out var u) ? u : Guid.Empty)
            .Where(u => u != Guid.Empty).Distinct().ToList();
        var names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => "person:" + u.Id, u => u.DisplayName, ct);
        return rows.ToDictionary(r => r.Field, r => (r.Count, (string?)(names.GetValueOrDefault(r.Actor) ?? r.Actor), r.At));
    }
}
