using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Alerts;

/// <summary>
/// Who hears an alert, as named groups (SignalR groups on the hub, the same test for circuits). A viewer belongs to
/// several groups, but the groups one alert goes to never share a viewer, so nobody hears an alert twice:
/// everyone of the tenant; its Admins; its managers; the managers of one team; one manager.
/// </summary>
public static class AlertAudience
{
    /// <summary>The alert's <see cref="Alert.Team"/> when the record is gone: Admins only.</summary>
    public const string AdminsOnly = "@admins";

    public static string Everyone(Guid tenant) => $"t:{tenant}:all";
    public static string Admins(Guid tenant) => $"t:{tenant}:admins";
    public static string Managers(Guid tenant) => $"t:{tenant}:managers";
    public static string TeamManagers(Guid tenant, string team) => $"t:{tenant}:team:{team}";
    public static string Manager(Guid tenant, Guid user) => $"t:{tenant}:manager:{user}";

    /// <summary>The groups an alert is sent to.</summary>
    public static IReadOnlyList<string> For(Alert alert) => alert.Kind switch
    {
        AlertKinds.KillSwitch or AlertKinds.Resync => [Everyone(alert.Tenant)],
        AlertKinds.JobFailed or AlertKinds.AutonomyOffered or AlertKinds.AutonomyDemoted or AlertKinds.UnusualDataAccess
            or AlertKinds.SignInNewCountry or AlertKinds.HistoryInconsistent => [Admins(alert.Tenant)],
        // Review work goes where RecordAccess lets people see the record: Admins always; every manager when nobody owns
        // it; the owner's team's managers; an owner without a team ("@<id>") sees their own; a record gone, Admins only.
        _ => alert.Team switch
        {
            null or "" => [Admins(alert.Tenant), Managers(alert.Tenant)],
            AdminsOnly => [Admins(alert.Tenant)],
            ['@', .. var owner] when Guid.TryParse(owner, out var user) => [Admins(alert.Tenant), Manager(alert.Tenant, user)],
            ['@', ..] => [Admins(alert.Tenant)],
            var team => [Admins(alert.Tenant), TeamManagers(alert.Tenant, team)],
        },
    };

    /// <summary>The groups a signed-in person belongs to.</summary>
    public static IReadOnlyList<string> Of(Guid tenant, Guid? user, IReadOnlySet<string> roles, string team)
    {
        var groups = new List<string> { Everyone(tenant) };
        if (roles.Contains(Roles.Admin)) groups.Add(Admins(tenant));
        else if (roles.Contains(Roles.SalesManager))
        {
            groups.Add(Managers(tenant));
            if (!string.IsNullOrEmpty(team)) groups.Add(TeamManagers(tenant, team));
            if (user is { } id) groups.Add(Manager(tenant, id));
        }
        return groups;
    }

    public static bool Reaches(Alert alert, IReadOnlyList<string> viewerGroups) => For(alert).Any(viewerGroups.Contains);
}
