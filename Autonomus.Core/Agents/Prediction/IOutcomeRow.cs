namespace Autonomus.Core.Agents.Prediction;

/// <summary>
/// One record as a prediction sees it. The features are the implementing class's other public properties (ML.NET reads
/// them by name); these four are not features and carry <c>[NoColumn]</c>, except the label, which ML.NET learns from.
/// </summary>
public interface IOutcomeRow
{
    Guid Id { get; }
    /// <summary>The good outcome (converted, won); false for the bad one.</summary>
    bool Label { get; }
    /// <summary>The score people had before the model (0–100): not a feature, the baseline the model is measured against.</summary>
    int HandScore { get; }
    /// <summary>When the outcome was known (for the time-based split); for an open record, now.</summary>
    DateTimeOffset At { get; }
    /// <summary>The score the record carries now and the model version that wrote it (null before any): unchanged scores are not written again.</summary>
    int? Stored { get; }
    int? StoredVersion { get; }
}
