using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Agents.AutomationOptimizer;

public enum RecommendationKind
{
    /// <summary>Raise a threshold: the conditions raised just above the current one are mostly rejected as too early.</summary>
    Threshold,
    /// <summary>Pause an action nobody accepts.</summary>
    PauseAction,
    /// <summary>Put an action that acts on its own back to suggest: people have started undoing what it does.</summary>
    Demote,
}

public enum RecommendationStatus
{
    Open,
    Applied,
    Dismissed,
}

/// <summary>What the figures behind a recommendation were, kept with it (the page words them in the reader's language).</summary>
/// <param name="Decisions">Decisions of the kind looked at (90 days).</param>
/// <param name="RaisedBelow">For a threshold: decisions on conditions raised below the proposed value.</param>
/// <param name="RejectedBelow">Of those, the share rejected (0–1).</param>
/// <param name="AcceptedKept">Of all accepted ones, the share the proposed value would still raise (0–1).</param>
/// <param name="RecentDecisions">For a demotion: decisions in the last <see cref="RecommendAgentChanges.RecentDays"/> days.</param>
/// <param name="RecentRate">For a demotion: the share of those kept (applied, not undone or rejected).</param>
/// <param name="OverallRate">For a demotion: the same share over the 90 days.</param>
public sealed record RecommendationEvidence(int Decisions, int RaisedBelow, decimal RejectedBelow, decimal AcceptedKept, int RecentDecisions = 0,
    decimal? RecentRate = null, decimal? OverallRate = null);

/// <summary>
/// A change the Automation Optimizer recommends for an agent, from measured outcomes. At most one open per agent × kind ×
/// setting or action; one dismissed is not raised again for 30 days.
/// </summary>
public sealed class Recommendation : ITenantOwned
{
    private Recommendation() { }

    public Recommendation(Guid tenantId, string agent, RecommendationKind kind, string subject, int? currentValue, int? proposedValue,
        RecommendationEvidence evidence, DateTimeOffset at)
    {
        (TenantId, Agent, Kind, Subject, CurrentValue, ProposedValue, CreatedAt) = (tenantId, agent, kind, subject, currentValue, proposedValue, at);
        Evidence = System.Text.Json.JsonSerializer.Serialize(evidence);
    }

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Agent { get; private set; } = "";
    public RecommendationKind Kind { get; private set; }
    /// <summary>The setting's key (a threshold) or the tool's name (an action to pause or demote).</summary>
    public string Subject { get; private set; } = "";
    public int? CurrentValue { get; private set; }
    public int? ProposedValue { get; private set; }
    /// <summary>The <see cref="RecommendationEvidence"/> as JSON.</summary>
    public string Evidence { get; private set; } = "{}";
    public RecommendationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public string? Note { get; private set; }

    public RecommendationEvidence Figures => System.Text.Json.JsonSerializer.Deserialize<RecommendationEvidence>(Evidence)!;

    public void Decide(bool apply, Guid by, string? note, DateTimeOffset at)
    {
        if (Status != RecommendationStatus.Open) throw new DomainRuleViolation("This recommendation was already decided.");
        if (!apply && string.IsNullOrWhiteSpace(note)) throw InputInvalid.For("note", Localization.ValidationText.RejectReasonRequired);
        Status = apply ? RecommendationStatus.Applied : RecommendationStatus.Dismissed;
        (DecidedBy, DecidedAt, Note) = (by, at, Text.Blank(note));
    }
}
