using Autonomus.Core.Alerts;
using Autonomus.Core.Tenancy;

namespace Autonomus.Tests.Alerts;

/// <summary>Who hears which alert: the same rules as who may see the record (RecordAccess), and nobody twice.</summary>
public sealed class AlertAudienceTests
{
    private static readonly Guid Tenant = Guid.NewGuid(), Other = Guid.NewGuid();
    private static readonly Guid TeamlessManager = Guid.NewGuid();

    private static readonly Dictionary<string, IReadOnlyList<string>> Viewers = new()
    {
        ["admin"] = AlertAudience.Of(Tenant, Guid.NewGuid(), new HashSet<string> { Roles.Admin }, ""),
        ["norte manager"] = AlertAudience.Of(Tenant, Guid.NewGuid(), new HashSet<string> { Roles.SalesManager }, "Norte"),
        ["sur manager"] = AlertAudience.Of(Tenant, Guid.NewGuid(), new HashSet<string> { Roles.SalesManager }, "Sur"),
        ["teamless manager"] = AlertAudience.Of(Tenant, TeamlessManager, new HashSet<string> { Roles.SalesManager }, ""),
        ["norte rep"] = AlertAudience.Of(Tenant, Guid.NewGuid(), new HashSet<string> { Roles.SalesRep }, "Norte"),
        ["auditor"] = AlertAudience.Of(Tenant, Guid.NewGuid(), new HashSet<string> { Roles.Auditor }, ""),
        ["other tenant's admin"] = AlertAudience.Of(Other, Guid.NewGuid(), new HashSet<string> { Roles.Admin }, ""),
    };

    public static TheoryData<string, string?, string[]> Cases => new()
    {
        { AlertKinds.SuggestionsCreated, null, ["admin", "norte manager", "sur manager", "teamless manager"] }, // nobody owns the record
        { AlertKinds.SuggestionsCreated, "Norte", ["admin", "norte manager"] },
        { AlertKinds.ApplyFailed, "Sur", ["admin", "sur manager"] },
        { AlertKinds.SlaBreach, $"@{TeamlessManager}", ["admin", "teamless manager"] },                       // owned by a manager without a team
        { AlertKinds.SuggestionsCreated, $"@{Guid.NewGuid()}", ["admin"] },                                   // owned by a rep without a team
        { AlertKinds.SuggestionsResolved, AlertAudience.AdminsOnly, ["admin"] },                              // the record is gone
        { AlertKinds.KillSwitch, null, ["admin", "norte manager", "sur manager", "teamless manager", "norte rep", "auditor"] },
        { AlertKinds.JobFailed, null, ["admin"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnAlertReachesExactlyThoseWhoMaySeeItsRecordsOnce(string kind, string? team, string[] expected)
    {
        var alert = new Alert(kind, Tenant, team, Count: 1);
        var reached = Viewers.Where(v => AlertAudience.Reaches(alert, v.Value)).Select(v => v.Key).Order().ToArray();
        Assert.Equal(expected.Order().ToArray(), reached);
        // The groups an alert goes to never share a viewer: nobody hears it twice.
        Assert.All(Viewers.Values, groups => Assert.True(AlertAudience.For(alert).Count(groups.Contains) <= 1));
    }

    [Fact]
    public void AlertsThatArriveTogetherAreFoldedPerKindTenantAndTeam()
    {
        static AlertItem Item(int i) => new(Guid.NewGuid(), $"Call {i}", $"Lead {i}", "Lead", Guid.NewGuid());
        var batch = Enumerable.Range(1, 7).Select(i => new Alert(AlertKinds.SuggestionsCreated, Tenant, "Norte", Count: 1, HighCount: 1, Items: [Item(i)]))
            .Append(new Alert(AlertKinds.SuggestionsCreated, Tenant, "Sur", Count: 1))
            .Append(new Alert(AlertKinds.KillSwitch, Tenant, Engaged: true))
            .Append(new Alert(AlertKinds.KillSwitch, Tenant, Engaged: false))
            .ToList();

        var folded = AlertCoalescing.Coalesce(batch);

        Assert.Equal(4, folded.Count);
        var norte = folded[0];
        Assert.Equal(("Norte", 7, 7, AlertCoalescing.MaxItems), (norte.Team, norte.Count, norte.HighCount, norte.ItemsOrEmpty.Count));
        Assert.Equal(["Call 1", "Call 2", "Call 3", "Call 4", "Call 5"], norte.ItemsOrEmpty.Select(i => i.Summary));
        Assert.Equal(("Sur", 1), (folded[1].Team, folded[1].Count));
        // The kill switch is never folded: engaged then released are two things that happened.
        Assert.Equal([true, false], folded.Skip(2).Select(a => a.Engaged!.Value));
    }
}
