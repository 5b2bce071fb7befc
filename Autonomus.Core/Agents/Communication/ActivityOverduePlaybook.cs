using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.Communication;

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
        var prefix = T(f, "ActivityOverdue.SubjectPrefix");
        return Action("schedule_follow_up",
            new ScheduleFollowUpPayload
            {
                RecordType = TypeOf(related), RecordId = related.Id, Type = type, DueAt = due,
                Subject = activity.Subject.StartsWith(prefix, StringComparison.Ordinal) ? activity.Subject : prefix + activity.Subject,
                Body = T(f, "ActivityOverdue.Body", Name(f, type).ToLowerInvariant(), Day(f, activity.DueAt ?? f.Now), days),
            },
            T(f, "ActivityOverdue.Summary", activity.Subject, Day(f, due)),
            T(f, "ActivityOverdue.Reasoning", Name(f, type), activity.Subject, TargetRecords.LabelOf(related), days, Day(f, activity.DueAt ?? f.Now), f.OwnerName ?? T(f, "Unassigned")),
            0.8m, days > 14 ? SuggestionPriority.Low : SuggestionPriority.Normal);
    }
}
