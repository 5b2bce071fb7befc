using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.CustomerRisk;

/// <summary>An account whose activity is falling and which recently lost a deal is tagged at-risk.</summary>
public sealed class AccountRiskPlaybook : Playbook
{
    public const string Tag = "at-risk";
    public override string TriggerType => TriggerTypes.AccountRisk;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Account account || account.Tags.Contains(Tag)) return null;
        var recent = Int(f.Context, "activities_recent");
        var previous = Int(f.Context, "activities_previous");
        var lost = Int(f.Context, "deals_lost");
        return Action("tag_record",
            new TagRecordPayload { RecordType = RecordType.Account, RecordId = account.Id, Tag = Tag },
            T(f, "AccountRisk.Summary", account.Name),
            T(f, "AccountRisk.Reasoning", previous, recent, Int(f.Context, "window_days"), lost, Touch(f)),
            0.72m, SuggestionPriority.Normal);
    }
}
