using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools.Actions;

public sealed record ScheduleFollowUpPayload
{
    [Required, Description("The kind of record to follow up on: Lead, Deal, Contact or Account.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The id of that record.")]
    public Guid RecordId { get; init; }
    [Required, Description("Call, Email, Meeting or Task.")]
    public ActivityType Type { get; init; }
    [Required, StringLength(200, MinimumLength = 1), Description("What the follow-up is about.")]
    public string Subject { get; init; } = "";
    [StringLength(4000), Description("Talking points or instructions, optional.")]
    public string? Body { get; init; }
    [Required, Description("When it is due (ISO 8601, UTC); must be in the future.")]
    public DateTimeOffset DueAt { get; init; }
}

public sealed class ScheduleFollowUpTool : MutationTool<ScheduleFollowUpPayload>
{
    public override string Name => "schedule_follow_up";
    public override string Description => "Schedules an open call, email, meeting or task with a future due date on a lead, deal, contact or account, assigned to the record's owner.";
    public override string Permission => ToolPermissions.WriteActivities;
    public override ToolRisk Risk => ToolRisk.Low;
    public override bool Undoable => true;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, ScheduleFollowUpPayload p, CancellationToken ct)
    {
        if (p.Type == ActivityType.Note) throw InputInvalid.For("type", "A follow-up is a call, email, meeting or task.");
        if (p.DueAt <= c.Now) throw InputInvalid.For("dueAt", "A follow-up is due in the future.");
        if (p.DueAt > c.Now.AddDays(366)) throw InputInvalid.For("dueAt", "A follow-up is due within a year.");
        var record = await ActivityTargets.LoadAsync(c, p.RecordType, p.RecordId, ct);
        return new ToolPlan(Name, record, p.RecordType, TargetRecords.LabelOf(record),
            $"{p.Type} due {RecordSnapshot.Time(p.DueAt)}: {p.Subject}", () =>
            {
                var activity = new Activity(p.Type, p.Subject.Trim(), Text.Blank(p.Body), p.RecordType, p.RecordId,
                    record.OwnerId ?? c.Actor.UserId, p.DueAt) { TenantId = record.TenantId };
                c.Db.Activities.Add(activity);
                return activity;
            });
    }
}
