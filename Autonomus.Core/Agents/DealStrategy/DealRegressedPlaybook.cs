using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.DealStrategy;

/// <summary>A deal that slid back a stage gets a review task for its owner, due in two working days.</summary>
public sealed class DealRegressedPlaybook : Playbook
{
    public override string TriggerType => TriggerTypes.DealRegressed;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Deal { IsClosed: false } deal) return null;
        var before = StageName(f, Str(f.Context, "stage_before")) ?? "?";
        var after = StageName(f, Str(f.Context, "stage_after")) ?? Name(f, deal.Stage);
        var due = NextWorkingDay(f.Now, 2);
        return Action("create_activity",
            new CreateActivityPayload
            {
                RecordType = RecordType.Deal, RecordId = deal.Id, Type = ActivityType.Task, DueAt = due,
                Subject = T(f, "DealRegressed.Subject", deal.Name, after),
                Body = T(f, "DealRegressed.Body", before, after),
            },
            T(f, "DealRegressed.Summary", deal.Name),
            T(f, "DealRegressed.Reasoning", before, after, Amount(f, deal.Amount), deal.Currency, Touch(f)),
            0.86m, SuggestionPriority.High);
    }

    /// <summary>A stage named in the trigger's context ("Negotiation"), as the organisation reads it.</summary>
    private static string? StageName(TriggerFacts f, string? stage) =>
        Enum.TryParse<DealStage>(stage, out var parsed) ? Name(f, parsed) : stage;
}
