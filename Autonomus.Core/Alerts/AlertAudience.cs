using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Alerts;

/// <summary>
/// Who hears an alert, as named groups (SignalR groups on the hub, the same test for circuits). A viewer belongs to
/// several groups, but the groups one alert goes to never share a viewer, so nobody hears an alert twice:
/// everyone of the tenant; its Admins; its managers; the managers of one team.
/// </summary>
public static class AlertAudience
{
    public static string Everyone(Guid tenant) => $"t:{tenant}:all";
    public static string Admins(Guid tenant) => $"t:{tenant}:admins";
    public static string Managers(Guid tenant) => $"t:{tenant}:managers";
    public static string TeamManagers(Guid tenant, string team) => $"t:{tenant}:team:{team}";

    /// <summary>The groups an alert is sent to.</summary>
    public static IReadOnlyList<string> For(Alert alert) => alert.Kind switch
    {
        AlertKinds.KillSwitch or AlertKinds.Resync => [Everyone(alert.Tenant)],
        AlertKinds.JobFailed => [Admins(alert.Tenant)],
        // Review work: Admins see every record; a manager sees their team's records and those nobody owns.
        _ => string.IsNullOrEmpty(alert.Team)
            ? [Admins(alert.Tenant), Managers(alert.Tenant)]
            : [Admins(alert.Tenant), TeamManagers(alert.Tenant, alert.Team)],
    };

    /// <summary>The groups a signed-in person belongs to.</summary>
    public static IReadOnlyList<string> Of(Guid tenant, IReadOnlySet<string> roles, string team)
    {
        var groups = new List<string> { Everyone(tenant) };
        if (roles.Contains(Roles.Admin)) groups.Add(Admins(tenant));
        else if (roles.Contains(Roles.SalesManager))
        {
            groups.Add(Managers(tenant));
            if (!string.IsNullOrEmpty(team)) groups.Add(TeamManagers(tenant, team));
        }
        return groups;
    }

    public static bool Reaches(Alert alert, IReadOnlyList<string> viewerGroups) => For(alert).Any(viewerGroups.Contains);
}
