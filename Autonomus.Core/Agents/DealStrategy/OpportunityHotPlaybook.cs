using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.DealStrategy;

/// <summary>A likely deal (by the model's win probability where it has one) closing within days gets a closing meeting booked for the next working day.</summary>
public sealed class OpportunityHotPlaybook : Playbook
{
    public override string TriggerType => TriggerTypes.OpportunityHot;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Deal { IsClosed: false } deal) return null;
        var daysToClose = Int(f.Context, "days_to_close");
        var due = NextWorkingDay(f.Now);
        return Action("schedule_follow_up",
            new ScheduleFollowUpPayload
            {
                RecordType = RecordType.Deal, RecordId = deal.Id, Type = ActivityType.Meeting, DueAt = due,
                Subject = T(f, "OpportunityHot.Subject", deal.Name),
                Body = T(f, "OpportunityHot.Body"),
            },
            T(f, "OpportunityHot.Summary", deal.Name),
            T(f, "OpportunityHot.Reasoning", Int(f.Context, "probability"), daysToClose, Day(f, deal.ExpectedCloseDate), Amount(f, deal.Amount), deal.Currency, Name(f, deal.Stage), Touch(f),
                T(f, Str(f.Context, "probability_source") == "model" ? "OpportunityHot.ByModel" : "OpportunityHot.ByHand")),
            0.88m, SuggestionPriority.High);
    }
}
