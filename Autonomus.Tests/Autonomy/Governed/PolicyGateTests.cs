using Autonomus.Core.Autonomy;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;

namespace Autonomus.Tests.Autonomy.Governed;

/// <summary>The conditions a policy reads from the suggestion alone, each on its own, and quiet hours in Santiago's wall-clock time.</summary>
public sealed class PolicyGateTests
{
    private static readonly TimeZoneInfo Santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero); // 12:00 in Santiago (UTC−3)
    private static readonly PolicyRules Auto = new(PolicyMode.AutoWithUndo);

    private static GateVerdict Gate(PolicyRules rules, ToolRisk risk = ToolRisk.Low, decimal confidence = 0.9m, DateTimeOffset? at = null) =>
        PolicyGate.Evaluate(rules, risk, confidence, at ?? Noon, Santiago);

    [Fact]
    public void SuggestAndOffLeaveItToAPersonAndAutoAppliesWhenNothingElseObjects()
    {
        Assert.Equal(GateVerdict.ModeSuggests, Gate(PolicyRules.Default));
        Assert.Equal(GateVerdict.ModeSuggests, Gate(new PolicyRules(PolicyMode.Off)));
        Assert.Equal(GateVerdict.Apply, Gate(Auto));
        Assert.Equal(GateVerdict.Apply, Gate(new PolicyRules(PolicyMode.Auto)));
    }

    [Fact]
    public void NeverAutoRiskCeilingAndConfidenceFloorEachRefuse()
    {
        Assert.Equal(GateVerdict.NeverAuto, Gate(Auto, ToolRisk.NeverAuto));
        Assert.Equal(GateVerdict.AboveRiskCeiling, Gate(Auto with { RiskCeiling = ToolRisk.Low }, ToolRisk.Medium));
        Assert.Equal(GateVerdict.Apply, Gate(Auto with { RiskCeiling = ToolRisk.Medium }, ToolRisk.Medium));
        Assert.Equal(GateVerdict.BelowConfidenceFloor, Gate(Auto with { ConfidenceFloor = 0.8m }, confidence: 0.799m));
        Assert.Equal(GateVerdict.Apply, Gate(Auto with { ConfidenceFloor = 0.8m }, confidence: 0.8m));
    }

    [Theory]
    [InlineData("2026-11-30T02:30:00Z", true)]  // 23:30 the evening before
    [InlineData("2026-11-30T09:59:00Z", true)]  // 06:59
    [InlineData("2026-11-30T10:00:00Z", false)] // 07:00: the window's end is not in it
    [InlineData("2026-11-30T01:00:00Z", true)]  // 22:00: its start is
    [InlineData("2026-11-30T00:59:00Z", false)] // 21:59
    public void QuietHoursAcrossMidnightAreTheOrganisationsWallClock(string utc, bool quiet)
    {
        var rules = Auto with { QuietFrom = new TimeOnly(22, 0), QuietTo = new TimeOnly(7, 0) };
        Assert.Equal(quiet ? GateVerdict.QuietHours : GateVerdict.Apply, Gate(rules, at: DateTimeOffset.Parse(utc)));
    }

    [Fact]
    public void QuietHoursFollowSantiagosClockChanges()
    {
        var rules = Auto with { QuietFrom = new TimeOnly(22, 0), QuietTo = new TimeOnly(7, 0) };
        // Chile moves to summer time on the night to Sunday 6 September 2026 (UTC−4 → UTC−3): the same 10:30 UTC is 06:30
        // (quiet) on the Saturday and 07:30 (not quiet) on the Sunday.
        var saturday = new DateTimeOffset(2026, 9, 5, 10, 30, 0, TimeSpan.Zero);
        var sunday = saturday.AddDays(1);
        Assert.Equal(TimeSpan.FromHours(-4), Santiago.GetUtcOffset(saturday));
        Assert.Equal(TimeSpan.FromHours(-3), Santiago.GetUtcOffset(sunday));
        Assert.Equal(GateVerdict.QuietHours, Gate(rules, at: saturday));
        Assert.Equal(GateVerdict.Apply, Gate(rules, at: sunday));
        // And back on the night to Sunday 5 April 2026 (UTC−3 → UTC−4): 10:30 UTC is 07:30 on the Saturday, 06:30 on the Sunday.
        Assert.Equal(GateVerdict.Apply, Gate(rules, at: new DateTimeOffset(2026, 4, 4, 10, 30, 0, TimeSpan.Zero)));
        Assert.Equal(GateVerdict.QuietHours, Gate(rules, at: new DateTimeOffset(2026, 4, 5, 10, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void CapsCountByClockHourAndByTheOrganisationsDayEvenWhenItsMidnightIsSkipped()
    {
        var grant = new PolicyGrant("lead_intelligence", "schedule_follow_up", 1, Auto, null, Santiago);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero), grant.DayStartAt(Noon));
        Assert.Equal((new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero), new DateOnly(2026, 11, 30)), grant.WindowsAt(Noon.AddMinutes(59)));
        // 6 September 2026 begins at 01:00 in Santiago (00:00 does not exist): its day starts at 04:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), grant.DayStartAt(new DateTimeOffset(2026, 9, 6, 12, 0, 0, TimeSpan.Zero)));
        // 23:30 on the 29th in Santiago is already the 30th in UTC: still the 29th's day.
        Assert.Equal(new DateOnly(2026, 11, 29), grant.WindowsAt(new DateTimeOffset(2026, 11, 30, 2, 30, 0, TimeSpan.Zero)).Day);
    }

    [Fact]
    public void ShadowModeJudgesTheRulesAsIfTheActionWereInAuto()
    {
        Assert.True(PolicyGate.WouldApply(PolicyRules.Default, ToolRisk.Low, 0.9m, Noon, Santiago));
        Assert.False(PolicyGate.WouldApply(PolicyRules.Default with { ConfidenceFloor = 0.95m }, ToolRisk.Low, 0.9m, Noon, Santiago));
        Assert.False(PolicyGate.WouldApply(PolicyRules.Default, ToolRisk.NeverAuto, 0.99m, Noon, Santiago));
    }

    [Fact]
    public void RolesGrantToolPermissionsAndAuditorsChangeNothing()
    {
        var rep = new HashSet<string> { Roles.SalesRep };
        Assert.True(ToolPermissions.Grants(rep, ToolPermissions.WriteActivities));
        Assert.False(ToolPermissions.Grants(rep, ToolPermissions.AssignOwners));
        Assert.False(ToolPermissions.Grants(new HashSet<string> { Roles.Auditor }, ToolPermissions.WriteRecords));
        Assert.True(ToolPermissions.Grants(new HashSet<string> { Roles.Auditor }, ToolPermissions.ReadRecords));
        Assert.True(ToolPermissions.Grants(new HashSet<string> { Roles.SalesManager }, ToolPermissions.MoveDeals));
        Assert.False(ToolPermissions.Grants(new HashSet<string>(), ToolPermissions.WriteActivities));
    }
}
