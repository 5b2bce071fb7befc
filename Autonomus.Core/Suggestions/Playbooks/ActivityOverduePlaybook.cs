using Autonomus.Core.Crm;
using Autonomus.Core.Tools;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Suggestions.Playbooks;

/// <summary>An open activity days past due is rescheduled: a fresh follow-up on the record it belongs to.</summary>
public sealed class ActivityOverduePlaybook : Playbook
{
    public override string TriggerType => TriggerTypes.ActivityOverdue;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Activity { IsCompleted: false } activity || f.RelatedRecord is not { } related) return null;
        if (related is Deal { IsClosed: true } || related is Lead { Status: LeadStatus.Converted }) return null;
        var days = Int(f.Context, "days_overdue");
        var due = NextWorkingDay(f.Now);
        var type = activity.Type == ActivityType.Note ? ActivityType.Task : activity.Type;
        return Action("schedule_follow_up",
            new ScheduleFollowUpPayload
            {
                RecordType = TypeOf(related), RecordId = related.Id, Type = type, DueAt = due,
                Subject = activity.Subject.StartsWith("Overdue: ", StringComparison.Ordinal) ? activity.Subject : $"Overdue: {activity.Subject}",
                Body = $"Rescheduled: the original {type.ToString().ToLowerInvariant()} was due {Day(activity.DueAt ?? f.Now)} and is {days} days late.",
            },
            $"Reschedule '{activity.Subject}' for {Day(due)}",
            $"{type} '{activity.Subject}' on {TargetRecords.LabelOf(related)} is {days} days overdue (due {Day(activity.DueAt ?? f.Now)}); owner {f.OwnerName ?? "unassigned"}.",
            0.8m, days > 14 ? SuggestionPriority.Low : SuggestionPriority.Normal);
    }
}
