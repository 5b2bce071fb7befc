using Autonomus.Core.Agents.Communication.Email;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;

namespace Autonomus.Core.Agents.Communication;

/// <summary>
/// A contact silent for two months gets a short, personal re-engagement email from their owner, drafted from the
/// organisation's template in its language (the model writes it instead when one is configured). Never sent without a person.
/// </summary>
public sealed class ReengagementPlaybook : Playbook
{
    public override string TriggerType => CommunicationAgent.ContactReengagement;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Contact { EmailOptOut: false } contact || string.IsNullOrWhiteSpace(contact.Email)) return null;
        var days = Int(f.Context, "days_silent");
        var signature = f.OwnerName ?? T(f, "Reengage.Team");
        return Action("send_email",
            new SendEmailPayload
            {
                RecordType = RecordType.Contact, RecordId = contact.Id,
                Subject = T(f, "Reengage.Subject", contact.FirstName),
                Body = T(f, "Reengage.Body", contact.FirstName, signature),
            },
            T(f, "Reengage.Summary", f.RecordLabel),
            T(f, "Reengage.Reasoning", days, Touch(f)),
            0.7m, SuggestionPriority.Low);
    }
}
