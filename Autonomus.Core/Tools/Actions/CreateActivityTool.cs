using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools.Actions;

public sealed record CreateActivityPayload
{
    [Required, Description("The kind of record the activity is about: Lead, Deal, Contact or Account.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The id of that record.")]
    public Guid RecordId { get; init; }
    [Required, Description("Call, Email, Meeting or Task. Use add_note for notes.")]
    public ActivityType Type { get; init; }
    [Required, StringLength(200, MinimumLength = 1), Description("A short subject line.")]
    public string Subject { get; init; } = "";
    [StringLength(4000), Description("Details, optional.")]
    public string? Body { get; init; }
    [Description("When it is due (ISO 8601, UTC), optional.")]
    public DateTimeOffset? DueAt { get; init; }
    [Description("True when the activity already happened; it then counts as the record's latest touch.")]
    public bool Done { get; init; }
}

public sealed class CreateActivityTool : MutationTool<CreateActivityPayload>
{
    public override string Name => "create_activity";
    public override string Description => "Creates a call, email, meeting or task on a lead, deal, contact or account, either done (logged) or open with a due date.";
    public override string Permission => ToolPermissions.WriteActivities;
    public override ToolRisk Risk => ToolRisk.Low;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, CreateActivityPayload p, CancellationToken ct)
    {
        if (p.Type == ActivityType.Note) throw InputInvalid.For("type", "Use add_note for notes.");
        var record = await ActivityTargets.LoadAsync(c, p.RecordType, p.RecordId, ct);
        return new ToolPlan(Name, record, p.RecordType, TargetRecords.LabelOf(record), $"{p.Type}: {p.Subject}", () =>
        {
            if (p.Done && record is ITouchable touchable) touchable.TouchActivity(c.Now);
            var activity = new Activity(p.Type, p.Subject.Trim(), Text.Blank(p.Body), p.RecordType, p.RecordId,
                record.OwnerId ?? c.Actor.UserId, p.DueAt, p.Done ? c.Now : null) { TenantId = record.TenantId };
            c.Db.Activities.Add(activity);
            return activity;
        });
    }
}

/// <summary>Activities hang on leads, deals, contacts and accounts, never on other activities.</summary>
internal static class ActivityTargets
{
    public static async Task<CrmRecord> LoadAsync(ToolContext c, RecordType type, Guid id, CancellationToken ct)
    {
        if (type == RecordType.Activity) throw InputInvalid.For("recordType", "Activities hang on a lead, deal, contact or account.");
        var record = await TargetRecords.LoadForChangeAsync(c, type, id, ct);
        if (record is Deal { IsClosed: true } deal) throw new DomainRuleViolation($"This deal is {deal.Stage}; it takes no new activities.");
        if (record is Lead { Status: LeadStatus.Converted }) throw new DomainRuleViolation("This lead has been converted; work on its deal instead.");
        return record;
    }
}
