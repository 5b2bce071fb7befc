using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools.Actions;

namespace Autonomus.Core.Agents.LeadIntelligence;

/// <summary>A new lead its owner never touched goes to the least loaded rep of the same team (undoable; the team's rules still apply).</summary>
public sealed class LeadUntouchedByOwnerPlaybook : Playbook
{
    public override string TriggerType => LeadIntelligenceAgent.UntouchedByOwner;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Lead { Status: LeadStatus.New, LastActivityAt: null } lead || !Guid.TryParse(Str(f.Context, "candidate_id"), out var candidate)
            || candidate == lead.OwnerId) return null;
        var name = Str(f.Context, "candidate_name") ?? "";
        return Action("assign_owner",
            new AssignOwnerPayload { RecordType = RecordType.Lead, RecordId = lead.Id, OwnerId = candidate },
            T(f, "Reassign.Summary", f.RecordLabel, name),
            T(f, "Reassign.Reasoning", f.OwnerName ?? "—", Int(f.Context, "days_untouched"), name, Int(f.Context, "candidate_open")),
            0.66m, SuggestionPriority.Normal);
    }
}
