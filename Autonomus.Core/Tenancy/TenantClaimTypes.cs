namespace Autonomus.Core.Tenancy;

/// <summary>Claims the sign-in adds to the principal so every request knows its tenant without a query.</summary>
public static class TenantClaimTypes
{
    public const string TenantId = "autonomus:tenant_id";
    public const string TenantName = "autonomus:tenant_name";
    public const string DisplayName = "autonomus:display_name";
    public const string Team = "autonomus:team";
    /// <summary>"true" once the user has an authenticator: until then only enrolment is open to them.</summary>
    public const string MfaEnrolled = "autonomus:mfa";
    /// <summary>The console's language for this person: their own choice, else the organisation's default.</summary>
    public const string Culture = "autonomus:culture";
    /// <summary>The organisation's IANA time zone, for showing times.</summary>
    public const string TimeZone = "autonomus:time_zone";
    /// <summary>"system", "light" or "dark".</summary>
    public const string Theme = "autonomus:theme";
}
