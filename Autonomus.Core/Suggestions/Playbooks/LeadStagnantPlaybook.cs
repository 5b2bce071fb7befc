using Autonomus.Core.Crm;
using Autonomus.Core.Tools;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Suggestions.Playbooks;

/// <summary>
/// A lead gone quiet gets a follow-up call; one silent for more than six weeks with no answer to earlier
/// contact is marked Unqualified instead, so the list stays honest.
/// </summary>
public sealed class LeadStagnantPlaybook : Playbook
{
    public const int GiveUpAfterDays = 45;
    public override string TriggerType => TriggerTypes.LeadStagnant;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Lead lead || lead.Status is LeadStatus.Converted or LeadStatus.Unqualified) return null;
        var days = Int(f.Context, "days_stagnant");
        var reasoning = $"Lead inactive for {days} days; {Touch(f.LastTouch)}; status {lead.Status}.";
        if (days > GiveUpAfterDays && lead.Status == LeadStatus.Contacted)
            return Action("update_lead_status",
                new UpdateLeadStatusPayload { LeadId = lead.Id, Status = LeadStatus.Unqualified, Reason = $"No response for {days} days." },
                $"Mark {f.RecordLabel} Unqualified",
                reasoning + $" More than {GiveUpAfterDays} days without a response after first contact: the lead is unlikely to convert.",
                0.62m, SuggestionPriority.Low);
        var due = NextWorkingDay(f.Now);
        return Action("schedule_follow_up",
            new ScheduleFollowUpPayload
            {
                RecordType = RecordType.Lead, RecordId = lead.Id, Type = ActivityType.Call, DueAt = due,
                Subject = $"Follow up with {lead.FullName}",
                Body = $"No contact for {days} days. Reconnect{(lead.Company is { } c ? $" about {c}'s needs" : "")} and agree on a next step.",
            },
            $"Call {f.RecordLabel} on {Day(due)}",
            reasoning + " A call within a day usually revives a stalled lead.",
            days > 21 ? 0.7m : 0.82m, days > 21 ? SuggestionPriority.Normal : SuggestionPriority.High);
    }
}
