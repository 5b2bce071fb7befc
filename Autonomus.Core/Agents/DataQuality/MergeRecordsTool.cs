using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tools;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.DataQuality;

public sealed record MergeRecordsPayload
{
    [Required, Description("The kind of both records: Lead, Contact or Account.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The record that stays (usually the older one).")]
    public Guid KeepId { get; init; }
    [Required, Description("The version of the record that stays when this was proposed: a merge against a changed record is refused.")]
    public int KeepVersion { get; init; }
    [Required, Description("The duplicate: merged into the one that stays, then archived (never deleted).")]
    public Guid MergeId { get; init; }
    [Description("The fields whose value comes from the duplicate (e.g. email, phone); every other field keeps the stayer's value.")]
    public IReadOnlyList<string> TakeFields { get; init; } = [];
}

/// <summary>
/// Merges a duplicate into the record that stays: the fields chosen come from the duplicate, tags are joined, the
/// duplicate's activities (and, for an account, its contacts and deals) move to the stayer, and the duplicate is archived
/// with a pointer to it. Never applied on its own: a person reads the three columns (stays, duplicate, result) first.
/// </summary>
public sealed class MergeRecordsTool : MutationTool<MergeRecordsPayload>
{
    public override string Name => "merge_records";
    public override string Description => "Merges a duplicate lead, contact or account into the record that stays, choosing per field which value survives; the duplicate is archived.";
    public override string Permission => ToolPermissions.WriteRecords;
    public override ToolRisk Risk => ToolRisk.NeverAuto;

    /// <summary>The fields a merge may take from the duplicate, per kind of record.</summary>
    public static readonly IReadOnlyDictionary<RecordType, string[]> Fields = new Dictionary<RecordType, string[]>
    {
        [RecordType.Contact] = ["first_name", "last_name", "email", "phone", "title"],
        [RecordType.Lead] = ["first_name", "last_name", "company", "email", "phone"],
        [RecordType.Account] = ["name", "industry", "website", "phone", "city", "country"],
    };

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, MergeRecordsPayload p, CancellationToken ct)
    {
        if (!Fields.TryGetValue(p.RecordType, out var mergeable)) throw InputInvalid.For("recordType", "Leads, contacts and accounts can be merged.");
        if (p.KeepId == p.MergeId) throw InputInvalid.For("mergeId", "A record cannot be merged into itself.");
        if (p.TakeFields.FirstOrDefault(f => !mergeable.Contains(f)) is { } unknown)
            throw InputInvalid.For("takeFields", $"'{unknown}' is not a field a {p.RecordType.ToString().ToLowerInvariant()} merge can take; one of {string.Join(", ", mergeable)}.");
        var keep = await TargetRecords.LoadForChangeAsync(c, p.RecordType, p.KeepId, ct);
        var merge = await TargetRecords.LoadForChangeAsync(c, p.RecordType, p.MergeId, ct);
        // The duplicate's version is the suggestion's (checked by the apply); the stayer's is checked here.
        if (keep.Version != p.KeepVersion) throw new StaleRecord(p.RecordType.ToString(), keep.Id);
        var take = p.TakeFields.ToHashSet();
        var plan = new ToolPlan(Name, keep, p.RecordType, TargetRecords.LabelOf(keep), $"Merge {TargetRecords.LabelOf(merge)} into {TargetRecords.LabelOf(keep)}", () =>
        {
            Merge(keep, merge, take);
            foreach (var tag in merge.Tags.Except(keep.Tags)) keep.AddTag(tag);
            merge.ArchiveAsMergedInto(keep, c.Now);
            return null;
        })
        {
            Merged = merge,
        };
        plan.RunInTransaction((db, token) => RepointAsync(db, p.RecordType, keep, merge, c.Now, token));
        // An account that took over a duplicate's deals and contacts has a new health, a lead that took over its activities a
        // new score: the agents that own them see it at once (cooperation).
        if (p.RecordType is RecordType.Account or RecordType.Lead)
            plan.RunInTransaction(async (db, token) =>
            {
                await db.SaveChangesAsync(token);
                if (p.RecordType == RecordType.Account) await Cooperation.AccountChangedAsync(db, keep.TenantId, keep.Id, c.Cause, c.Now, token);
                else await Cooperation.LeadChangedAsync(db, keep.TenantId, keep.Id, c.Now, token);
            });
        return plan;
    }

    private static void Merge(CrmRecord keep, CrmRecord merge, IReadOnlySet<string> take)
    {
        string? Pick(string field, string? kept, string? merged) => take.Contains(field) ? merged : kept;
        switch ((keep, merge))
        {
            case (Contact k, Contact m):
                k.UpdateDetails(k.AccountId, Pick("first_name", k.FirstName, m.FirstName)!, Pick("last_name", k.LastName, m.LastName)!,
                    Pick("email", k.Email, m.Email), Pick("phone", k.Phone, m.Phone), Pick("title", k.Title, m.Title));
                if (m.LastActivityAt is { } contactTouch) k.TouchActivity(contactTouch);
                break;
            case (Lead k, Lead m):
                k.UpdateDetails(Pick("first_name", k.FirstName, m.FirstName)!, Pick("last_name", k.LastName, m.LastName)!, Pick("company", k.Company, m.Company),
                    Pick("email", k.Email, m.Email), Pick("phone", k.Phone, m.Phone), k.Source, Math.Max(k.Score, m.Score));
                if (m.LastActivityAt is { } leadTouch) k.TouchActivity(leadTouch);
                break;
            case (Account k, Account m):
                k.UpdateDetails(Pick("name", k.Name, m.Name)!, Pick("industry", k.Industry, m.Industry), Pick("website", k.Website, m.Website),
                    Pick("phone", k.Phone, m.Phone), Pick("city", k.City, m.City), Pick("country", k.Country, m.Country));
                if (m.LastActivityAt is { } accountTouch) k.TouchActivity(accountTouch);
                break;
        }
    }

    /// <summary>What pointed at the duplicate points at the stayer, set-based, each moved row one version further.</summary>
    private static async Task RepointAsync(ICrmDb db, RecordType type, CrmRecord keep, CrmRecord merge, DateTimeOffset now, CancellationToken ct)
    {
        var kind = type.ToString();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE activities SET related_id = {keep.Id}, version = version + 1, updated_at = {now}
            WHERE tenant_id = {merge.TenantId} AND related_type = {kind} AND related_id = {merge.Id}
            """, ct);
        if (type != RecordType.Account) return;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE contacts SET account_id = {keep.Id}, version = version + 1, updated_at = {now}
            WHERE tenant_id = {merge.TenantId} AND account_id = {merge.Id}
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE deals SET account_id = {keep.Id}, version = version + 1, updated_at = {now}
            WHERE tenant_id = {merge.TenantId} AND account_id = {merge.Id}
            """, ct);
    }
}
