using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.History.Erasure;

/// <summary>What an erasure reached: the record's fields, and how many change events, suggestions, activities and ledger entries held the values.</summary>
/// <param name="OlderLedgerEntries">Entries about the record written before ledger data was hashed by its digest, which hold the values and cannot be redacted.</param>
public sealed record ErasureOutcome(RecordType RecordType, Guid RecordId, IReadOnlyList<string> Fields, int Values, int ChangeEvents, int Suggestions,
    int Activities, int LedgerEntries, int OlderLedgerEntries);

/// <summary>
/// The one hard deletion: an Admin, signed in, erases a person's data on request (Chile's Ley 19.628, GDPR). The person's
/// values — as they are now and every value their history ever held for those fields — are replaced by "[erased]" in the
/// record (which is archived), its change events and snapshots, the suggestions, triggers and model conversations about
/// it, the activities and emails on it, and the ledger entries about it that quote them (redacted: the chain still verifies, see <see cref="LedgerRedaction"/>). The
/// erasure is itself a ledger entry, without the values. A record under legal hold is refused. One transaction.
/// </summary>
public sealed class ErasePersonalData(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext actor, LedgerWriter ledger, TimeProvider clock)
{
    /// <summary>A person's fields, by kind of record (their stored names).</summary>
    public static readonly IReadOnlyDictionary<RecordType, string[]> PersonalFields = new Dictionary<RecordType, string[]>
    {
        [RecordType.Lead] = ["first_name", "last_name", "email", "phone"],
        [RecordType.Contact] = ["first_name", "last_name", "email", "phone", "title"],
    };

    public async Task<ErasureOutcome> EraseAsync(RecordType type, Guid id, string reason, CancellationToken ct = default)
    {
        access.EnsureAdminInPerson("Only an Admin, signed in, erases a person's data.");
        if (!PersonalFields.TryGetValue(type, out var fields)) throw InputInvalid.For("kind", "A person's data lives on leads and contacts.");
        var why = reason?.Trim() ?? "";
        if (why.Length == 0) throw InputInvalid.For("reason", "Say why (the request it answers, e.g. \"Ley 19.628 request of 2026-11-30\").");
        var tenantId = actor.TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = await ArchivedRecords.FindAnyAsync(db, type, id, ct) ?? throw new RecordNotFound(type.ToString(), id);
        if (record.LegalHold)
            throw new DomainRuleViolation($"This {type.ToString().ToLowerInvariant()} is under legal hold ({record.LegalHoldReason}): an Admin lifts the hold before erasing.");

        // Every value these fields ever held, from the history, and as they are now.
        var values = (await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT v AS "Value" FROM change_events e CROSS JOIN LATERAL jsonb_each(e.changes) AS f(k, pair)
            CROSS JOIN LATERAL (VALUES (pair ->> 0), (pair ->> 1)) AS x(v)
            WHERE e.record_id = {id} AND e.record_type = {type.ToString()} AND f.k = ANY({fields}) AND v IS NOT NULL
            """).ToListAsync(ct))
            .Concat(Restore.RecordFields.Current(record).Where(f => fields.Contains(f.Key)).Select(f => f.Value).OfType<string>())
            .Where(v => v.Length >= 3 && v != LedgerRedaction.Erased).Distinct().OrderByDescending(v => v.Length).ToArray();

        var correlation = Guid.CreateVersion7();
        await ChangeContext.SetAsync(db, null, "erasure", correlation, ct: ct);
        switch (record)
        {
            case Lead l: l.ErasePersonalData(LedgerRedaction.Erased); break;
            case Contact c: c.ErasePersonalData(LedgerRedaction.Erased); break;
        }
        if (record.ArchivedAt is null) record.Archive("Personal data erased on request", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);

        var activities = await db.Database.ExecuteSqlAsync($"""
            UPDATE activities SET subject = erase_values(subject, {values}), body = erase_values(body, {values})
            WHERE related_id = {id} AND (erase_values(subject, {values}) <> subject OR erase_values(coalesce(body, ''), {values}) <> coalesce(body, ''))
            """, ct);
        var suggestions = await db.Database.ExecuteSqlAsync($"""
            UPDATE suggestions SET record_label = erase_values(record_label, {values}), summary = erase_values(summary, {values}),
                reasoning = erase_values(reasoning, {values}), facts = erase_values(facts::text, {values})::jsonb,
                payload = erase_values(payload::text, {values})::jsonb, edited_payload = erase_values(edited_payload::text, {values})::jsonb,
                record_snapshot = erase_values(record_snapshot, {values}), apply_result = erase_values(apply_result, {values}),
                alternative_action = erase_values(alternative_action::text, {values})::jsonb
            WHERE record_id = {id}
            """, ct);
        await db.Database.ExecuteSqlAsync($"UPDATE triggers SET context = erase_values(context::text, {values})::jsonb WHERE record_id = {id}", ct);
        // The model's conversations about it (kept, masked, for the budget and the audit).
        await db.Database.ExecuteSqlAsync($"""
            UPDATE llm_calls SET transcript = erase_values(transcript, {values}), failure = erase_values(failure, {values})
            WHERE trigger_id IN (SELECT t.id FROM triggers t WHERE t.record_id = {id})
            """, ct);
        // Emails about the person not sent yet are never sent; what was sent keeps no copy of them.
        var emails = await db.Database.ExecuteSqlAsync($"""
            UPDATE outbound_emails SET "to" = '[erased]', subject = erase_values(subject, {values}), body = erase_values(body, {values}),
                status = CASE WHEN status = 'Queued' THEN 'Suppressed' ELSE status END
            WHERE record_id = {id}
            """, ct);
        var related = await ArchivedRecords.IncludingArchived(db.Activities).Where(a => a.RelatedId == id).Select(a => a.Id).ToListAsync(ct);
        var events = (await db.Database.SqlQuery<int>($"""SELECT erase_change_events({tenantId}, {related.Append(id).ToArray()}, {values}) AS "Value" """).ToListAsync(ct)).Single();
        // The ledger entries about the record: its own, its suggestions', triggers' and activities', and those sharing their correlation ids.
        var suggestionRefs = await db.Suggestions.Where(x => x.RecordId == id).Select(x => new { x.Id, x.CorrelationId }).ToListAsync(ct);
        var triggerRefs = await db.Triggers.Where(x => x.RecordId == id).Select(x => new { x.Id, x.CorrelationId }).ToListAsync(ct);
        var subjects = suggestionRefs.Select(x => x.Id).Concat(triggerRefs.Select(x => x.Id)).Concat(related).Append(id).Distinct().ToArray();
        var correlations = suggestionRefs.Select(x => x.CorrelationId).Concat(triggerRefs.Select(x => x.CorrelationId)).Distinct().ToArray();
        var redacted = await LedgerRedaction.RedactAsync(db, tenantId, subjects, correlations, values, ct);
        // Entries written before data was hashed by its digest cannot be redacted without breaking the chain: counted, said.
        var older = (await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM ledger_entries
            WHERE hash_version < 3 AND (subject_id = ANY({subjects}) OR correlation_id = ANY({correlations})) AND erase_values(data, {values}) <> data
            """).ToListAsync(ct)).Single();

        var who = await LedgerActor.OfAsync(db, actor, "erasure", ct);
        await ledger.AppendAsync(db, tenantId, [new LedgerDraft(LedgerKinds.PersonalDataErased, who.Type, who.Id, who.Name, type.ToString().ToLowerInvariant(), id, correlation,
            CanonicalJson.Serialize(new Dictionary<string, object>
            {
                ["reason"] = why, ["fields"] = fields, ["values"] = values.Length, ["change_events"] = events, ["suggestions"] = suggestions,
                ["activities"] = activities, ["emails"] = emails, [LedgerRedaction.SequencesKey] = redacted, ["older_entries_not_redacted"] = older,
            }))], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ErasureOutcome(type, id, fields, values.Length, events, suggestions, activities, redacted.Length, older);
    }

    /// <summary>Whether the record is under legal hold, and why (null when it is not, or not there).</summary>
    public async Task<string?> LegalHoldOfAsync(RecordType type, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return await ArchivedRecords.FindAnyAsync(db, type, id, ct) is { LegalHold: true } held ? held.LegalHoldReason : null;
    }

    /// <summary>Places or lifts an Admin's legal hold on a lead or contact (a change event and a ledger entry, with the reason).</summary>
    public async Task SetLegalHoldAsync(RecordType type, Guid id, bool hold, string? reason, CancellationToken ct = default)
    {
        access.EnsureAdminInPerson("Only an Admin, signed in, places or lifts a legal hold.");
        if (!PersonalFields.ContainsKey(type)) throw InputInvalid.For("kind", "A legal hold protects a person's data: it is placed on leads and contacts.");
        var tenantId = actor.TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = await ArchivedRecords.FindAnyAsync(db, type, id, ct) ?? throw new RecordNotFound(type.ToString(), id);
        if (hold) record.PlaceLegalHold(reason ?? "");
        else record.LiftLegalHold();
        var correlation = Guid.CreateVersion7();
        await ChangeContext.SetAsync(db, null, "legal_hold", correlation, ct: ct);
        await db.SaveChangesAsync(ct);
        var who = await LedgerActor.OfAsync(db, actor, "legal hold", ct);
        await ledger.AppendAsync(db, tenantId, [new LedgerDraft(LedgerKinds.LegalHoldChanged, who.Type, who.Id, who.Name, type.ToString().ToLowerInvariant(), id, correlation,
            CanonicalJson.Serialize(new { hold, reason = Text.Blank(reason) }))], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
