using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools.Actions;

namespace Autonomus.Core.Agents.DealStrategy;

/// <summary>
/// A deal still being worked past its expected close date gets a date it can still meet: as far out as a deal in its
/// stage usually needs to close (a week in negotiation, six in prospecting).
/// </summary>
public sealed class CloseDateSlippingPlaybook : Playbook
{
    public override string TriggerType => DealStrategyAgent.CloseDateSlipping;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Deal { IsClosed: false } deal) return null;
        var today = DateOnly.FromDateTime(f.Now.UtcDateTime);
        if (deal.ExpectedCloseDate >= today) return null;
        var newDate = today.AddDays(DaysToClose(deal.Stage));
        var reasoning = T(f, "Slipping.Reasoning", Day(f, deal.ExpectedCloseDate), Int(f.Context, "days_overdue"), Touch(f), Name(f, deal.Stage),
            DaysToClose(deal.Stage));
        if (deal.WinProbability is { } win) reasoning += " " + T(f, "Slipping.Model", win);
        return Action("update_deal_close_date",
            new UpdateDealCloseDatePayload { DealId = deal.Id, ExpectedCloseDate = newDate },
            T(f, "Slipping.Summary", deal.Name, Day(f, newDate)),
            reasoning,
            0.8m, SuggestionPriority.Normal);
    }

    /// <summary>How long a deal in this stage usually still needs: the new date is that far from today.</summary>
    public static int DaysToClose(DealStage stage) => stage switch
    {
        DealStage.Negotiation => 7,
        DealStage.Proposal => 14,
        DealStage.Qualification => 30,
        _ => 45,
    };
}
