using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;

namespace Autonomus.Core.Policies;

/// <summary>How far an agent may go with one action on its own.</summary>
public enum PolicyMode
{
    /// <summary>The action is not proposed at all.</summary>
    Off,
    /// <summary>Proposed for a person to review (every action starts here).</summary>
    Suggest,
    /// <summary>Applied on its own when the policy's conditions hold, with an undo window.</summary>
    AutoWithUndo,
    /// <summary>Applied on its own when the policy's conditions hold.</summary>
    Auto,
}

/// <summary>
/// One version of an organisation's policy for an agent's action. Versions are only added, never changed: the current
/// policy is the highest version, and every entry the policy causes names the version it ran under.
/// </summary>
public sealed class AutonomyPolicy : ITenantOwned
{
    private AutonomyPolicy() { }

    public AutonomyPolicy(Guid tenantId, string agent, string action, ToolRisk actionRisk, int version, PolicyRules rules, Guid? changedBy,
        DateTimeOffset changedAt, string reason)
    {
        (TenantId, Agent, Action, ActionRisk, Version, ChangedBy, ChangedAt, Reason) = (tenantId, agent, action, actionRisk, version, changedBy, changedAt, reason);
        RiskCeiling = rules.RiskCeiling;
        (Mode, ConfidenceFloor, MaxPerHour, MaxPerDay, MaxPerRecordPerDay, QuietFrom, QuietTo) =
            (rules.Mode, rules.ConfidenceFloor, rules.MaxPerHour, rules.MaxPerDay, rules.MaxPerRecordPerDay, rules.QuietFrom, rules.QuietTo);
        NotifyRoles = rules.NotifyRoles?.ToArray();
    }

    public Guid TenantId { get; private set; }
    public string Agent { get; private set; } = "";
    /// <summary>The tool's name ("schedule_follow_up").</summary>
    public string Action { get; private set; } = "";
    /// <summary>The action's risk class when the version was written: the database refuses an auto mode for a NeverAuto one.</summary>
    public ToolRisk ActionRisk { get; private set; }
    public int Version { get; private set; }
    public PolicyMode Mode { get; private set; }
    /// <summary>Auto-apply only at or above this calibrated confidence (0–1).</summary>
    public decimal? ConfidenceFloor { get; private set; }
    /// <summary>Auto-apply only while the action's risk is at most this.</summary>
    public ToolRisk? RiskCeiling { get; private set; }
    public int? MaxPerHour { get; private set; }
    public int? MaxPerDay { get; private set; }
    public int? MaxPerRecordPerDay { get; private set; }
    /// <summary>No auto-apply between these times of day, in the organisation's time zone (may span midnight).</summary>
    public TimeOnly? QuietFrom { get; private set; }
    public TimeOnly? QuietTo { get; private set; }
    /// <summary>Who is told when it applies something on its own (Admin, SalesManager); null: both.</summary>
    public string[]? NotifyRoles { get; private set; }
    public Guid? ChangedBy { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public string Reason { get; private set; } = "";

    public PolicyRules Rules => new(Mode, ConfidenceFloor, MaxPerHour, MaxPerDay, MaxPerRecordPerDay, QuietFrom, QuietTo, RiskCeiling, NotifyRoles);
}

/// <summary>What a policy says, as an Admin sets it.</summary>
public sealed record PolicyRules(PolicyMode Mode, decimal? ConfidenceFloor = null, int? MaxPerHour = null, int? MaxPerDay = null,
    int? MaxPerRecordPerDay = null, TimeOnly? QuietFrom = null, TimeOnly? QuietTo = null, ToolRisk? RiskCeiling = null,
    IReadOnlyList<string>? NotifyRoles = null)
{
    /// <summary>The roles that may be notified of what a policy applied: those who can undo it.</summary>
    public static readonly IReadOnlyList<string> NotifiableRoles = [Tenancy.Roles.Admin, Tenancy.Roles.SalesManager];

    /// <summary>Who is told when it applies something (unset: the Admins and the sales managers).</summary>
    public IReadOnlyList<string> Notified => NotifyRoles ?? NotifiableRoles;

    /// <summary>Where no version exists yet: every action starts in suggest.</summary>
    public static readonly PolicyRules Default = new(PolicyMode.Suggest);
}
