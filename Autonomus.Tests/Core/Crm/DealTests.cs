using Autonomus.Core.Common;
using Autonomus.Core.Crm;

namespace Autonomus.Tests.Core.Crm;

public sealed class DealTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();

    private static Deal NewDeal() => new(Tenant, Guid.NewGuid(), "Expansion", 50_000m, "USD", new DateOnly(2026, 12, 15), Owner, T0);

    [Fact]
    public void ANewDealHasItsFirstStageInItsHistory()
    {
        var deal = NewDeal();
        var first = Assert.Single(deal.StageHistory);
        Assert.Null(first.FromStage);
        Assert.Equal(DealStage.Prospecting, first.ToStage);
        Assert.Equal(deal.Id, first.DealId);
        Assert.Equal(Tenant, first.TenantId);
    }

    [Fact]
    public void MovingForwardIsRecordedAndSetsTheStageProbability()
    {
        var deal = NewDeal();
        var change = deal.MoveToStage(DealStage.Proposal, T0.AddDays(3), Owner);
        Assert.False(change.IsRegression);
        Assert.Equal(DealStage.Proposal, deal.Stage);
        Assert.Equal(50, deal.Probability);
        Assert.Equal(T0.AddDays(3), deal.StageChangedAt);
        Assert.Equal(2, deal.StageHistory.Count);
    }

    [Fact]
    public void MovingBackIsRecordedAsARegression()
    {
        var deal = NewDeal();
        deal.MoveToStage(DealStage.Negotiation, T0.AddDays(3), Owner);
        var change = deal.MoveToStage(DealStage.Qualification, T0.AddDays(5), Owner);
        Assert.True(change.IsRegression);
        Assert.Equal(DealStage.Negotiation, change.FromStage);
        Assert.Equal(1, deal.StageHistory.Count(h => h.IsRegression));
    }

    [Fact]
    public void ClosingLostFromNegotiationIsNotARegressionAndSetsClosedAt()
    {
        var deal = NewDeal();
        deal.MoveToStage(DealStage.Negotiation, T0.AddDays(3), Owner);
        var change = deal.MoveToStage(DealStage.ClosedLost, T0.AddDays(9), Owner);
        Assert.False(change.IsRegression);
        Assert.Equal(T0.AddDays(9), deal.ClosedAt);
        Assert.Equal(0, deal.Probability);
    }

    [Fact]
    public void AClosedDealRefusesToMoveAndKeepsItsHistory()
    {
        var deal = NewDeal();
        deal.MoveToStage(DealStage.ClosedWon, T0.AddDays(3), Owner);
        var e = Assert.Throws<DomainRuleViolation>(() => deal.MoveToStage(DealStage.Negotiation, T0.AddDays(4), Owner));
        Assert.Contains("closed", e.Message);
        Assert.Equal(DealStage.ClosedWon, deal.Stage);
        Assert.Equal(2, deal.StageHistory.Count);
    }

    [Fact]
    public void MovingToTheCurrentStageIsRefused()
    {
        var deal = NewDeal();
        Assert.Throws<DomainRuleViolation>(() => deal.MoveToStage(DealStage.Prospecting, T0.AddDays(1), Owner));
        Assert.Single(deal.StageHistory);
    }

    [Theory]
    [InlineData(-1, "USD")]
    [InlineData(10, "usd")]
    [InlineData(10, "EURO")]
    public void UpdateDetailsRefusesANegativeAmountOrABadCurrency(decimal amount, string currency)
    {
        var deal = NewDeal();
        Assert.Throws<DomainRuleViolation>(() => deal.UpdateDetails(deal.AccountId, "X", amount, currency, 20, deal.ExpectedCloseDate));
        Assert.Equal(50_000m, deal.Amount);
        Assert.Equal("USD", deal.Currency);
    }
}
