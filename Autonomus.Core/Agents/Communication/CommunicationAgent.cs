using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.Communication;

/// <summary>
/// Keeps promised follow-ups from slipping (an overdue task or call gets a new date and a nudge) and drafts re-engagement
/// emails to contacts gone silent, sent through the outbox once a person approves them.
/// </summary>
public sealed class CommunicationAgent : AgentModule
{
    public const string ContactReengagement = "contact_reengagement";

    public override string Name => AgentNames.Communication;
    public override string OwnerRole => Roles.SalesManager;

    public override IReadOnlyList<TriggerDefinition> Triggers { get; } =
    [
        new(TriggerTypes.ActivityOverdue, AgentNames.Communication, RecordType.Activity, "An open task or call days past its due date."),
        new(ContactReengagement, AgentNames.Communication, RecordType.Contact, "A contact with an email, subscribed, nobody has written to or called for two months."),
    ];

    public override IReadOnlyList<string> Actions { get; } = ["schedule_follow_up", "complete_activity", "create_activity", "add_note", "send_email"];

    public override IReadOnlyList<AgentSetting> Settings { get; } =
    [
        AgentSetting.Days("activity_overdue_days", s => s.ActivityOverdueDays, (s, v) => s.ActivityOverdueDays = v, 1, 60) with { Bounds = (TriggerTypes.ActivityOverdue, "days_overdue") },
        AgentSetting.Days("reengagement_days", s => s.ReengagementDays, (s, v) => s.ReengagementDays = v, 14, 365) with { Bounds = (ContactReengagement, "days_silent") },
    ];
}
