using Autonomus.Core.Crm;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Suggestions.Playbooks;

/// <summary>
/// An open deal without activity: if its expected close date has already passed, move the date to where it
/// can still be true; otherwise get the owner to call.
/// </summary>
public sealed class DealDecayPlaybook : Playbook
{
    public override string TriggerType => TriggerTypes.DealDecay;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Deal { IsClosed: false } deal) return null;
        var days = Int(f.Context, "days_without_activity");
        var today = DateOnly.FromDateTime(f.Now.UtcDateTime);
        var reasoning = $"Deal in {deal.Stage} with no activity for {days} days; {Touch(f.LastTouch)}; expected close {deal.ExpectedCloseDate:yyyy-MM-dd}.";
        if (deal.ExpectedCloseDate < today)
        {
            var newDate = today.AddDays(14);
            return Action("update_deal_close_date",
                new UpdateDealCloseDatePayload { DealId = deal.Id, ExpectedCloseDate = newDate },
                $"Move {deal.Name}'s close date to {newDate:yyyy-MM-dd}",
                reasoning + " The expected close date has passed, which distorts the forecast; two weeks out is realistic for a deal this quiet.",
                0.74m, SuggestionPriority.Normal);
        }
        var due = NextWorkingDay(f.Now);
        return Action("schedule_follow_up",
            new ScheduleFollowUpPayload
            {
                RecordType = RecordType.Deal, RecordId = deal.Id, Type = ActivityType.Call, DueAt = due,
                Subject = $"Re-engage on {deal.Name}",
                Body = $"No activity for {days} days while in {deal.Stage}. Confirm the buyer's timeline and the next step.",
            },
            $"Call about {deal.Name} on {Day(due)}",
            reasoning + " Deals that go two weeks without contact close far less often.",
            0.78m, SuggestionPriority.Normal);
    }
}
