using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.DealStrategy;

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
        var reasoning = T(f, "DealDecay.Reasoning", Name(f, deal.Stage), days, Touch(f), Day(f, deal.ExpectedCloseDate));
        if (deal.ExpectedCloseDate < today)
        {
            var newDate = today.AddDays(14);
            return Action("update_deal_close_date",
                new UpdateDealCloseDatePayload { DealId = deal.Id, ExpectedCloseDate = newDate },
                T(f, "DealDecay.MoveSummary", deal.Name, Day(f, newDate)),
                reasoning + " " + T(f, "DealDecay.MoveWhy"),
                0.74m, SuggestionPriority.Normal);
        }
        var due = NextWorkingDay(f.Now);
        return Action("schedule_follow_up",
            new ScheduleFollowUpPayload
            {
                RecordType = RecordType.Deal, RecordId = deal.Id, Type = ActivityType.Call, DueAt = due,
                Subject = T(f, "DealDecay.Subject", deal.Name),
                Body = T(f, "DealDecay.Body", days, Name(f, deal.Stage)),
            },
            T(f, "DealDecay.CallSummary", deal.Name, Day(f, due)),
            reasoning + " " + T(f, "DealDecay.CallWhy"),
            0.78m, SuggestionPriority.Normal);
    }
}
