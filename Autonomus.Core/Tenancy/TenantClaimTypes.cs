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
}
