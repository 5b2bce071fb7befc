namespace Autonomus.Core.Crm;

/// <summary>Pipeline stages in their forward order; the two closed stages are terminal.</summary>
public enum DealStage
{
    Prospecting = 0,
    Qualification = 1,
    Proposal = 2,
    Negotiation = 3,
    ClosedWon = 4,
    ClosedLost = 5,
}

public static class DealStages
{
    public static readonly IReadOnlyList<DealStage> Open =
        [DealStage.Prospecting, DealStage.Qualification, DealStage.Proposal, DealStage.Negotiation];

    public static bool IsClosed(this DealStage stage) => stage is DealStage.ClosedWon or DealStage.ClosedLost;

    /// <summary>A move back in the pipeline (Proposal → Qualification). Closing is never a regression.</summary>
    public static bool IsRegressionFrom(this DealStage to, DealStage from) => !to.IsClosed() && (int)to < (int)from;

    /// <summary>The win probability a stage suggests when nobody has set one.</summary>
    public static int DefaultProbability(this DealStage stage) => stage switch
    {
        DealStage.Prospecting => 10,
        DealStage.Qualification => 25,
        DealStage.Proposal => 50,
        DealStage.Negotiation => 75,
        DealStage.ClosedWon => 100,
        _ => 0,
    };
}
