using Autonomus.Core.Crm;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Suggestions.Playbooks;

/// <summary>A deal that slid back a stage gets a review task for its owner, due in two working days.</summary>
public sealed class DealRegressedPlaybook : Playbook
{
    public override string TriggerType => TriggerTypes.DealRegressed;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Deal { IsClosed: false } deal) return null;
        var before = Str(f.Context, "stage_before") ?? "?";
        var after = Str(f.Context, "stage_after") ?? deal.Stage.ToString();
        var due = NextWorkingDay(f.Now, 2);
        return Action("create_activity",
            new CreateActivityPayload
            {
                RecordType = RecordType.Deal, RecordId = deal.Id, Type = ActivityType.Task, DueAt = due,
                Subject = $"Review why {deal.Name} moved back to {after}",
                Body = $"The deal moved from {before} back to {after}. Find out what changed on the buyer's side and update the plan.",
            },
            $"Review the setback on {deal.Name}",
            $"Deal moved back from {before} to {after}; {deal.Amount:N0} {deal.Currency} at stake; {Touch(f.LastTouch)}.",
            0.86m, SuggestionPriority.High);
    }
}
