using Autonomus.Core.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace Autonomus.Web.Tenancy;

/// <summary>
/// Named authorization policies, used alike by pages, endpoints and (later) the apply path. Attribute rules
/// (team ownership, amount limits) are checked in Core's RecordAccess, where the record is known.
/// </summary>
public static class Policies
{
    /// <summary>Sees CRM data: every role.</summary>
    public const string ReadCrm = "crm.read";
    /// <summary>Creates and edits CRM records: not Auditors.</summary>
    public const string WriteCrm = "crm.write";
    /// <summary>Reviews and approves suggestions: managers and Admins, never reps.</summary>
    public const string Approve = "suggestions.approve";
    /// <summary>Tenant settings, users, policies, automations, kill switch.</summary>
    public const string Administer = "tenant.admin";
    /// <summary>History and ledger: Auditors and Admins.</summary>
    public const string Audit = "tenant.audit";
    /// <summary>The pipeline and autonomy dashboards (aggregates): Admins, sales managers and Auditors, not reps.</summary>
    public const string Dashboards = "dashboards.read";

    /// <summary>The REST API, read: a bearer token or an API key, any role.</summary>
    public const string ApiRead = "api.read";
    /// <summary>The REST API, write: a bearer token or a read-write API key, not Auditors.</summary>
    public const string ApiWrite = "api.write";
    /// <summary>The REST API's ledger: Admins and Auditors in person (a bearer token), never an API key.</summary>
    public const string ApiAudit = "api.audit";
    /// <summary>The REST API's review queue, read: Admins, sales managers and Auditors, by token or API key.</summary>
    public const string ApiReview = "api.review";
    /// <summary>The REST API's review decisions (approve, reject, defer): Admins and sales managers in person, never an API key.</summary>
    public const string ApiDecide = "api.decide";
    /// <summary>The REST API's organisation settings: Admins in person (a bearer token), never an API key.</summary>
    public const string ApiAdminister = "api.administer";

    /// <summary>The API is for access tokens and API keys; a console cookie never reaches it (see Credentials.SchemeFor), and this says so again.</summary>
    private static bool IsApiCredential(AuthorizationHandlerContext context) =>
        context.User.Identity?.AuthenticationType is Authentication.JwtSetup.Scheme or Authentication.ApiKeyAuthentication.SchemeName;

    public static void Add(AuthorizationBuilder builder) => builder
        .AddPolicy(ReadCrm, p => p.RequireRole(Roles.All.ToArray()))
        .AddPolicy(WriteCrm, p => p.RequireRole(Roles.Admin, Roles.SalesManager, Roles.SalesRep))
        .AddPolicy(Approve, p => p.RequireRole(Roles.Admin, Roles.SalesManager))
        .AddPolicy(Administer, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Audit, p => p.RequireRole(Roles.Admin, Roles.Auditor))
        .AddPolicy(Dashboards, p => p.RequireRole(Roles.Admin, Roles.SalesManager, Roles.Auditor))
        .AddPolicy(ApiRead, p => p.RequireAuthenticatedUser().RequireAssertion(IsApiCredential).RequireRole(Roles.All.ToArray()))
        .AddPolicy(ApiAudit, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Auditor)
            .RequireAssertion(c => c.User.Identity?.AuthenticationType == Authentication.JwtSetup.Scheme))
        .AddPolicy(ApiReview, p => p.RequireAuthenticatedUser().RequireAssertion(IsApiCredential).RequireRole(Roles.Admin, Roles.SalesManager, Roles.Auditor))
        .AddPolicy(ApiDecide, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.SalesManager)
            .RequireAssertion(c => c.User.Identity?.AuthenticationType == Authentication.JwtSetup.Scheme))
        .AddPolicy(ApiAdminister, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin)
            .RequireAssertion(c => c.User.Identity?.AuthenticationType == Authentication.JwtSetup.Scheme))
        .AddPolicy(ApiWrite, p => p.RequireAuthenticatedUser().RequireAssertion(IsApiCredential).RequireRole(Roles.Admin, Roles.SalesManager, Roles.SalesRep));
}
