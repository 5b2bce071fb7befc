using Autonomus.Core.Agents.Prediction;
using Microsoft.ML.Data;

namespace Autonomus.Core.Agents.DealStrategy.WinProbability;

/// <summary>
/// One deal as the win-probability model sees it, at its last open moment: for a closed deal, just before it closed; for
/// an open one, now.
/// </summary>
public sealed class DealFeatureRow : IOutcomeRow
{
    [NoColumn] public Guid Id { get; set; }
    public bool Label { get; set; }
    /// <summary>The last open stage (Prospecting … Negotiation).</summary>
    public string Stage { get; set; } = "";
    public float DaysInStage { get; set; }
    public float AgeDays { get; set; }
    public float Activities { get; set; }
    public float Calls { get; set; }
    public float Meetings { get; set; }
    /// <summary>How many times it moved back a stage.</summary>
    public float Regressions { get; set; }
    /// <summary>Its amount over the average of the account's other deals (1 when the account has no other).</summary>
    public float AmountRatio { get; set; }
    /// <summary>The probability people forecast with: the one set on an open deal, the last open stage's for a closed one.</summary>
    [NoColumn] public int HandScore { get; set; }
    [NoColumn] public DateTimeOffset At { get; set; }
    [NoColumn] public int? Stored { get; set; }
    [NoColumn] public int? StoredVersion { get; set; }
}
