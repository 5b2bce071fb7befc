using System.Text.Json.Nodes;
using Autonomus.Core.Crm;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Suggestions;

/// <summary>
/// Gathers what engines need for a batch of triggers with one query per record kind, one for owners' names
/// and one for the latest touches, whatever the batch size: never a query per trigger.
/// </summary>
public sealed class TriggerFactsLoader
{
    public async Task<Dictionary<Guid, TriggerFacts>> LoadAsync(ICrmDb db, IReadOnlyList<Trigger> triggers, DateTimeOffset now, CancellationToken ct)
    {
        var records = await LoadRecordsAsync(db, triggers.Select(t => (t.RecordType, t.RecordId)).ToList(), ct);
        var related = await LoadRecordsAsync(db, records.Values.OfType<Activity>().Select(a => (a.RelatedType, a.RelatedId)).ToList(), ct);

        var ownerIds = records.Values.Concat(related.Values).Select(r => r.OwnerId).OfType<Guid>().Distinct().ToList();
        var touchedIds = records.Values.Where(r => r is not Activity).Select(r => r.Id).ToList();
        var touches = await db.Activities.AsNoTracking()
            .Where(a => touchedIds.Contains(a.RelatedId) && a.CompletedAt != null)
            .GroupBy(a => a.RelatedId)
            .Select(g => g.OrderByDescending(a => a.CompletedAt).First())
            .ToListAsync(ct);
        ownerIds.AddRange(touches.Select(t => t.OwnerId).OfType<Guid>());
        var names = await db.Users.Where(u => ownerIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var lastTouch = touches.ToDictionary(a => a.RelatedId,
            a => new LastTouch(a.Type, a.Subject, a.CompletedAt!.Value, a.OwnerId is { } by ? names.GetValueOrDefault(by) : null));

        // Each organisation's language: the proposals are written in it (read once, not per trigger).
        var tenantIds = triggers.Select(t => t.TenantId).Distinct().ToList();
        var cultures = await db.Tenants.Where(t => tenantIds.Contains(t.Id)).Select(t => new { t.Id, t.DefaultCulture })
            .ToDictionaryAsync(t => t.Id, t => t.DefaultCulture, ct);

        var facts = new Dictionary<Guid, TriggerFacts>();
        foreach (var t in triggers)
        {
            if (!records.TryGetValue(t.RecordId, out var record)) continue;
            var relatedRecord = record is Activity activity ? related.GetValueOrDefault(activity.RelatedId) : null;
            var owner = (relatedRecord ?? record).OwnerId;
            facts[t.Id] = new TriggerFacts(t, record, TargetRecords.LabelOf(record), owner is { } o ? names.GetValueOrDefault(o) : null,
                lastTouch.GetValueOrDefault(record.Id), JsonNode.Parse(t.Context) as JsonObject ?? [], relatedRecord, now,
                cultures.GetValueOrDefault(t.TenantId) ?? Localization.UiCultures.English);
        }
        return facts;
    }

    private static async Task<Dictionary<Guid, CrmRecord>> LoadRecordsAsync(ICrmDb db, IReadOnlyList<(RecordType Type, Guid Id)> keys, CancellationToken ct)
    {
        var result = new Dictionary<Guid, CrmRecord>();
        async Task Add<T>(IQueryable<T> set, RecordType type) where T : CrmRecord
        {
            var ids = keys.Where(k => k.Type == type).Select(k => k.Id).Distinct().ToList();
            if (ids.Count == 0) return;
            foreach (var r in await set.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct)) result[r.Id] = r;
        }
        await Add(db.Leads, RecordType.Lead);
        await Add(db.Deals, RecordType.Deal);
        await Add(db.Contacts, RecordType.Contact);
        await Add(db.Accounts, RecordType.Account);
        await Add(db.Activities, RecordType.Activity);
        return result;
    }
}
