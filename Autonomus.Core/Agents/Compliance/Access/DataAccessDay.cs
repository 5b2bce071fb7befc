using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Agents.Compliance.Access;

/// <summary>
/// How many CRM records one person (or API key) of the organisation was shown on one day: the history their baseline is
/// taken from, and whether an unusual day was already reported (once per actor and day).
/// </summary>
public sealed class DataAccessDay : ITenantOwned
{
    private DataAccessDay() { }

    public Guid TenantId { get; set; }
    /// <summary>user or api_key.</summary>
    public string ActorType { get; private set; } = "";
    public Guid ActorId { get; private set; }
    public DateOnly Day { get; private set; }
    public int Records { get; private set; }
    public DateTimeOffset? ReportedAt { get; private set; }
}
