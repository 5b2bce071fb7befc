using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;

namespace Autonomus.Core.Agents.Compliance;

/// <summary>
/// Personal data confirmed in an activity's description is proposed for redaction, naming the kinds but never quoting
/// them (the suggestion, its facts and the ledger stay free of them). A card number is the most urgent.
/// </summary>
public sealed class PersonalDataPlaybook : Playbook
{
    public override string TriggerType => ComplianceAgent.PersonalDataInNotes;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Activity activity || PersonalData.Find(activity.Body) is not { Count: > 0 } kinds) return null;
        var names = string.Join(", ", kinds.Select(k => T(f, $"PersonalData.{k}")));
        return Action("redact_personal_data", new RedactPersonalDataPayload { ActivityId = activity.Id, Kinds = kinds },
            T(f, "PersonalData.Summary", f.RecordLabel),
            T(f, "PersonalData.Reasoning", names),
            kinds.Contains(PersonalData.Card) ? 0.95m : 0.85m, kinds.Contains(PersonalData.Card) ? SuggestionPriority.High : SuggestionPriority.Normal);
    }
}
