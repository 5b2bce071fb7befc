using Autonomus.Core.Agents.AutomationOptimizer;

namespace Autonomus.Tests.Agents.AutomationOptimizer;

/// <summary>A threshold is raised only when most of what it raised just above it was rejected and nine in ten accepted ones stay.</summary>
public sealed class ThresholdAnalysisTests
{
    private static readonly DecisionsAt[] TooEarly =
    [
        new(7, 1, 8), new(8, 1, 9), new(9, 1, 6), new(10, 15, 1), new(12, 12, 0), new(15, 10, 0),
    ];

    [Fact]
    public void RaisesToTheHighestValueThatKeepsNineInTenAcceptedWhenMostBelowItWereRejected()
    {
        var (proposed, evidence) = ThresholdAnalysis.Recommend(TooEarly, current: 7, minDecisions: 30)!.Value;
        Assert.Equal(10, proposed);
        // Below 10: 26 decided, 23 rejected; at 10, 37 of the 40 accepted are still raised.
        Assert.Equal(new RecommendationEvidence(64, 26, Math.Round(23m / 26, 4), Math.Round(37m / 40, 4)), evidence);
    }

    [Fact]
    public void TooFewDecisionsRejectionsSpreadEvenlyOrAThresholdAlreadyHighRecommendNothing()
    {
        Assert.Null(ThresholdAnalysis.Recommend(TooEarly, current: 7, minDecisions: 100));
        Assert.Null(ThresholdAnalysis.Recommend([new(7, 8, 2), new(8, 8, 2), new(9, 8, 2), new(10, 8, 2)], current: 7, minDecisions: 30));
        Assert.Null(ThresholdAnalysis.Recommend(TooEarly, current: 15, minDecisions: 30));
    }
}
