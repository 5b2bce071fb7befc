using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Agents.CustomerRisk.Health;

/// <summary>
/// An account's health on one day (0–100, higher is healthier) and why it is not 100: a row per account and day, so the
/// history is kept. <see cref="Reasons"/> is a JSON object of the penalties that applied: <c>activity_trend</c> [before,
/// now], <c>lost_deals</c>, <c>overdue</c> (open activities past due), <c>contact_silence</c> (days since any contact
/// was last touched).
/// </summary>
public sealed class AccountHealth : ITenantOwned
{
    private AccountHealth() { }

    public Guid TenantId { get; set; }
    public Guid AccountId { get; private set; }
    public DateOnly Day { get; private set; }
    public int Score { get; private set; }
    public string Reasons { get; private set; } = "{}";
}
