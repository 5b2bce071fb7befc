using Autonomus.Core.Crm;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Suggestions.Playbooks;

/// <summary>A likely deal closing within days gets a closing meeting booked for the next working day.</summary>
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
                Subject = $"Closing meeting: {deal.Name}",
                Body = "Walk through the final terms, confirm the signatory and the paperwork, and agree the signing date.",
            },
            $"Book a closing meeting for {deal.Name}",
            $"Probability {deal.Probability}% and expected close in {daysToClose} days ({deal.ExpectedCloseDate:yyyy-MM-dd}); {deal.Amount:N0} {deal.Currency} in {deal.Stage}; {Touch(f.LastTouch)}.",
            0.88m, SuggestionPriority.High);
    }
}
