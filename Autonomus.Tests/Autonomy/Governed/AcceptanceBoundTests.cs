using Autonomus.Core.Autonomy;

namespace Autonomus.Tests.Autonomy.Governed;

/// <summary>
/// The lower bound of acceptance (2.5% quantile of Beta(1 + accepted, 1 + rejected)) against values computed independently
/// with mpmath 1.3.0: the root of <c>betainc(a, b, 0, x, regularized=True) − 0.025</c> at 30 digits.
/// </summary>
public sealed class AcceptanceBoundTests
{
    [Theory]
    [InlineData(10, 10, 0.71508585)]
    [InlineData(60, 60, 0.94131878)]
    [InlineData(47, 49, 0.86286237)]
    [InlineData(45, 50, 0.78585502)]
    [InlineData(27, 30, 0.74246094)]
    [InlineData(0, 5, 0.0042107445)]
    [InlineData(95.5, 100, 0.89491649)] // edits count half
    public void MatchesAnIndependentComputation(double accepted, int decisions, double expected) =>
        Assert.Equal(expected, (double)AcceptanceBound.LowerBound((decimal)accepted, decisions), 4);

    [Fact]
    public void NoDecisionsMeansNoConfidenceAtAll() => Assert.Equal(0m, AcceptanceBound.LowerBound(0, 0));
}
