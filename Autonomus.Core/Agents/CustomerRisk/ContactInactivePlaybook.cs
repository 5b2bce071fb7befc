using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.CustomerRisk;

/// <summary>A contact nobody has talked to in a month gets a check-in email.</summary>
public sealed class ContactInactivePlaybook : Playbook
{
    public override string TriggerType => TriggerTypes.ContactInactive;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Contact contact) return null;
        var days = Int(f.Context, "days_inactive");
        var due = NextWorkingDay(f.Now);
        return Action("schedule_follow_up",
            new ScheduleFollowUpPayload
            {
                RecordType = RecordType.Contact, RecordId = contact.Id, Type = ActivityType.Email, DueAt = due,
                Subject = T(f, "ContactInactive.Subject", contact.FullName),
                Body = T(f, "ContactInactive.Body"),
            },
            T(f, "ContactInactive.Summary", contact.FullName, Day(f, due)),
            T(f, "ContactInactive.Reasoning", days, Touch(f) + (contact.Title is { } t ? $"; {t}" : "")),
            0.66m, SuggestionPriority.Low);
    }
}
