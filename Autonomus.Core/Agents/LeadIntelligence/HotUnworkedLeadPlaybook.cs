using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools.Actions;

namespace Autonomus.Core.Agents.LeadIntelligence;

/// <summary>A lead the model scores hot and nobody is working gets a call on the next working day, at high priority.</summary>
public sealed class HotUnworkedLeadPlaybook : Playbook
{
    public override string TriggerType => LeadIntelligenceAgent.HotUnworked;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Lead { Status: LeadStatus.New or LeadStatus.Contacted or LeadStatus.Qualified } lead) return null;
        var (score, days) = (Int(f.Context, "predicted_score"), Int(f.Context, "days_untouched"));
        var due = NextWorkingDay(f.Now);
        return Action("schedule_follow_up",
            new ScheduleFollowUpPayload
            {
                RecordType = RecordType.Lead, RecordId = lead.Id, Type = ActivityType.Call, DueAt = due,
                Subject = T(f, "HotLead.Subject", lead.FullName), Body = T(f, "HotLead.Body", score),
            },
            T(f, "HotLead.Summary", f.RecordLabel, score),
            T(f, "HotLead.Reasoning", score, days, Touch(f)),
            0.78m, SuggestionPriority.High);
    }
}
