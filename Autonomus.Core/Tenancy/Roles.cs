namespace Autonomus.Core.Tenancy;

public static class Roles
{
    public const string Admin = "Admin";
    public const string SalesManager = "SalesManager";
    public const string SalesRep = "SalesRep";
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All = [Admin, SalesManager, SalesRep, Auditor];
}
