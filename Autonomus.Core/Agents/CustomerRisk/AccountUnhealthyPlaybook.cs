using System.Text.Json.Nodes;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools.Actions;

namespace Autonomus.Core.Agents.CustomerRisk;

/// <summary>An account in poor health gets a re-engagement meeting with its owner, the reasons for the score in the reasoning.</summary>
public sealed class AccountUnhealthyPlaybook : Playbook
{
    public override string TriggerType => CustomerRiskAgent.AccountUnhealthy;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Record is not Account account) return null;
        var health = Int(f.Context, "health");
        var reasons = f.Context["reasons"] as JsonObject ?? [];
        var why = string.Join("; ", reasons.Select(r => r.Key switch
        {
            "activity_trend" => T(f, "Health.Trend", r.Value![0]!.GetValue<int>(), r.Value[1]!.GetValue<int>()),
            "lost_deals" => T(f, "Health.Lost", r.Value!.GetValue<int>()),
            "overdue" => T(f, "Health.Overdue", r.Value!.GetValue<int>()),
            "contact_silence" => T(f, "Health.Silence", r.Value!.GetValue<int>()),
            _ => r.Key,
        }));
        var due = NextWorkingDay(f.Now, 2);
        return Action("schedule_follow_up",
            new ScheduleFollowUpPayload
            {
                RecordType = RecordType.Account, RecordId = account.Id, Type = ActivityType.Meeting, DueAt = due,
                Subject = T(f, "Health.Subject", account.Name), Body = T(f, "Health.Body", health, why),
            },
            T(f, "Health.Summary", account.Name, health),
            T(f, "Health.Reasoning", health, why, Touch(f)),
            health < 30 ? 0.8m : 0.68m, health < 30 ? SuggestionPriority.High : SuggestionPriority.Normal);
    }
}
