using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// How much an agent's action has applied on its own in the current clock hour and the organisation's current day: the
/// counters its caps are checked against. One row per organisation × agent × action, created with the action's first
/// policy version; the Safe Apply Engine checks and advances it in the same statement that locks the suggestion, so two
/// appliers on two nodes take turns on the row and never pass a cap together. A rolled-back apply rolls its count back.
/// </summary>
public sealed class PolicyUsage : ITenantOwned
{
    private PolicyUsage() { }

    public Guid TenantId { get; set; }
    public string Agent { get; private set; } = "";
    public string Action { get; private set; } = "";
    public DateTimeOffset HourStart { get; private set; }
    public int HourCount { get; private set; }
    public DateOnly Day { get; private set; }
    public int DayCount { get; private set; }
}
