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
    /// <summary>History, ledger, dashboards: Auditors and Admins.</summary>
    public const string Audit = "tenant.audit";

    public static void Add(AuthorizationBuilder builder) => builder
        .AddPolicy(ReadCrm, p => p.RequireRole(Roles.All.ToArray()))
        .AddPolicy(WriteCrm, p => p.RequireRole(Roles.Admin, Roles.SalesManager, Roles.SalesRep))
        .AddPolicy(Approve, p => p.RequireRole(Roles.Admin, Roles.SalesManager))
        .AddPolicy(Administer, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Audit, p => p.RequireRole(Roles.Admin, Roles.Auditor));
}
