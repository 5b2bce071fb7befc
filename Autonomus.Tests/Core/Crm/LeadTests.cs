using Autonomus.Core.Common;
using Autonomus.Core.Crm;

namespace Autonomus.Tests.Core.Crm;

public sealed class LeadTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static Lead NewLead() => new("Ana", "Pérez", "Acme", LeadSource.Website, null, T0);

    [Fact]
    public void ANewLeadStartsAsNewWithItsStatusTimeAtCreation()
    {
        var lead = NewLead();
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(T0, lead.StatusChangedAt);
    }

    [Fact]
    public void ChangeStatusRecordsTheNewStatusAndWhen()
    {
        var lead = NewLead();
        lead.ChangeStatus(LeadStatus.Contacted, T0.AddDays(2));
        Assert.Equal(LeadStatus.Contacted, lead.Status);
        Assert.Equal(T0.AddDays(2), lead.StatusChangedAt);
    }

    [Fact]
    public void ChangeStatusRefusesAConvertedLead()
    {
        var lead = NewLead();
        lead.ChangeStatus(LeadStatus.Converted, T0.AddDays(1));
        var e = Assert.Throws<DomainRuleViolation>(() => lead.ChangeStatus(LeadStatus.Qualified, T0.AddDays(2)));
        Assert.Contains("converted", e.Message);
        Assert.Equal(LeadStatus.Converted, lead.Status);
        Assert.Equal(T0.AddDays(1), lead.StatusChangedAt);
    }

    [Fact]
    public void ChangeStatusRefusesTheStatusItAlreadyHas()
    {
        var lead = NewLead();
        Assert.Throws<DomainRuleViolation>(() => lead.ChangeStatus(LeadStatus.New, T0.AddDays(1)));
        Assert.Equal(T0, lead.StatusChangedAt);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void UpdateDetailsRefusesAScoreOutsideZeroToHundred(int score)
    {
        var lead = NewLead();
        Assert.Throws<DomainRuleViolation>(() => lead.UpdateDetails("Ana", "Pérez", null, null, null, LeadSource.Event, score));
        Assert.Equal(0, lead.Score);
        Assert.Equal(LeadSource.Website, lead.Source);
    }

    [Fact]
    public void TouchActivityNeverMovesLastActivityBackwards()
    {
        var lead = NewLead();
        lead.TouchActivity(T0.AddDays(5));
        lead.TouchActivity(T0.AddDays(3));
        Assert.Equal(T0.AddDays(5), lead.LastActivityAt);
    }
}
