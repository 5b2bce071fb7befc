using Autonomus.Core.Common;

namespace Autonomus.Core.Policies;

public static class KillSwitch
{
    /// <summary>The refusal autonomous work gets while the tenant's kill switch is engaged.</summary>
    public static DomainRuleViolation Refusal(string? reason) =>
        new($"The kill switch is engaged{(string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason})")}: nothing is detected, proposed or applied until an Admin releases it.");
}
