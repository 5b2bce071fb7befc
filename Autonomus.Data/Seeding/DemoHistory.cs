using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Triggers;

namespace Autonomus.Data.Seeding;

/// <summary>
/// The demo's synthetic decision history for Andes (README: "the history is synthetic"): one action people accept almost
/// always (it graduates, confirmed by the demo Admin), one accepted nearly as often (offered for graduation on first start),
/// one often edited, one often rejected, one in between.
/// </summary>
public static class DemoHistory
{
    /// <summary>Already acting on its own when the demo starts.</summary>
    public static readonly (string Agent, string Action) Graduated = (AgentNames.LeadIntelligence, "schedule_follow_up");
    /// <summary>Offered to the Admins when the demo starts.</summary>
    public static readonly (string Agent, string Action) Eligible = (AgentNames.DealStrategy, "schedule_follow_up");

    public static readonly IReadOnlyList<HistorySpec> Andes =
    [
        new(AgentNames.LeadIntelligence, TriggerTypes.LeadStagnant, "schedule_follow_up", RecordType.Lead, "playbook:lead_stagnant@1", 180,
            Accept: 0.955, Edit: 0.025, Reject: 0.015, Confidences: [0.82m, 0.7m]),
        new(AgentNames.DealStrategy, TriggerTypes.DealDecay, "schedule_follow_up", RecordType.Deal, "playbook:deal_decay@1", 160,
            Accept: 0.975, Edit: 0.01, Reject: 0.01, Confidences: [0.78m]),
        new(AgentNames.DealStrategy, TriggerTypes.DealDecay, "update_deal_close_date", RecordType.Deal, "playbook:deal_decay@1", 80,
            Accept: 0.4, Edit: 0.42, Reject: 0.12, Confidences: [0.74m]),
        new(AgentNames.CustomerRisk, TriggerTypes.AccountRisk, "tag_record", RecordType.Account, "playbook:account_risk@1", 60,
            Accept: 0.25, Edit: 0.05, Reject: 0.62, Confidences: [0.72m]),
        // Nudged too early: most rejections come at three or four days overdue (the Automation Optimizer recommends waiting longer).
        new(AgentNames.Communication, TriggerTypes.ActivityOverdue, "schedule_follow_up", RecordType.Activity, "playbook:activity_overdue@1", 90,
            Accept: 0.66, Edit: 0.1, Reject: 0.2, Confidences: [0.8m], Fact: "days_overdue", FactValue: (accepted, r) => accepted ? r.Next(5, 21) : r.Next(3, 5)),
    ];
}
