using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Agents.Compliance.Access;

/// <summary>A country a person of the organisation signed in from (by the GeoIP source): when first and last.</summary>
public sealed class SignInCountry : ITenantOwned
{
    private SignInCountry() { }

    public Guid TenantId { get; set; }
    public Guid UserId { get; private set; }
    /// <summary>ISO 3166 two-letter code.</summary>
    public string Country { get; private set; } = "";
    public DateTimeOffset FirstSeenAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
}
