using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.LeadIntelligence;

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
        var reasoning = T(f, "LeadStagnant.Reasoning", days, Touch(f), Name(f, lead.Status));
        if (days > GiveUpAfterDays && lead.Status == LeadStatus.Contacted)
            return Action("update_lead_status",
                new UpdateLeadStatusPayload { LeadId = lead.Id, Status = LeadStatus.Unqualified, Reason = T(f, "LeadStagnant.NoResponse", days) },
                T(f, "LeadStagnant.UnqualifySummary", f.RecordLabel),
                reasoning + " " + T(f, "LeadStagnant.UnqualifyWhy", GiveUpAfterDays),
                0.62m, SuggestionPriority.Low);
        var due = NextWorkingDay(f.Now);
        return Action("schedule_follow_up",
            new ScheduleFollowUpPayload
            {
                RecordType = RecordType.Lead, RecordId = lead.Id, Type = ActivityType.Call, DueAt = due,
                Subject = T(f, "LeadStagnant.Subject", lead.FullName),
                Body = lead.Company is { } company ? T(f, "LeadStagnant.BodyAbout", days, company) : T(f, "LeadStagnant.Body", days),
            },
            T(f, "LeadStagnant.CallSummary", f.RecordLabel, Day(f, due)),
            reasoning + " " + T(f, "LeadStagnant.CallWhy"),
            days > 21 ? 0.7m : 0.82m, days > 21 ? SuggestionPriority.Normal : SuggestionPriority.High);
    }
}
