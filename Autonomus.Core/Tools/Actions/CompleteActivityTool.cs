using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools.Actions;

public sealed record CompleteActivityPayload
{
    [Required, Description("The id of the open activity to complete.")]
    public Guid ActivityId { get; init; }
    [StringLength(2000), Description("What came of it, optional; appended to the activity's description.")]
    public string? Outcome { get; init; }
}

public sealed class CompleteActivityTool : MutationTool<CompleteActivityPayload>
{
    public override string Name => "complete_activity";
    public override string Description => "Marks an open call, email, meeting or task as done, optionally recording its outcome; the related record counts it as its latest touch.";
    public override string Permission => ToolPermissions.WriteActivities;
    public override ToolRisk Risk => ToolRisk.Low;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, CompleteActivityPayload p, CancellationToken ct)
    {
        var activity = await TargetRecords.LoadForChangeAsync<Activity>(c, p.ActivityId, ct);
        if (activity.IsCompleted) throw new DomainRuleViolation("This activity is already completed.");
        var related = await RecordLookup.FindAsync(c.Db, activity.RelatedType, activity.RelatedId, ct);
        return new ToolPlan(Name, activity, RecordType.Activity, activity.Subject, $"Complete: {activity.Subject}", () =>
        {
            activity.Complete(c.Now);
            if (Text.Blank(p.Outcome) is { } outcome)
                activity.UpdateDetails(activity.Subject, string.IsNullOrEmpty(activity.Body) ? $"Outcome: {outcome}" : $"{activity.Body}\n\nOutcome: {outcome}", activity.DueAt);
            (related as ITouchable)?.TouchActivity(c.Now);
            return null;
        });
    }
}
