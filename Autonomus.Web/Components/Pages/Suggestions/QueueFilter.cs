using Autonomus.Core.Suggestions;

namespace Autonomus.Web.Components.Pages.Suggestions;

/// <summary>What the queue's filters hold, as a person sets them (confidence in whole percent).</summary>
public sealed class QueueFilter
{
    public string? TriggerType { get; set; }
    public string? Agent { get; set; }
    public string? Tool { get; set; }
    public SuggestionPriority? Priority { get; set; }
    public int? MinConfidencePercent { get; set; }
    public int? MaxConfidencePercent { get; set; }
    public int? OlderThanDays { get; set; }
    public Guid? OwnerId { get; set; }
    public SuggestionStatus Status { get; set; } = SuggestionStatus.Pending;

    public SuggestionFilter ToQuery() => new(Status, Agent, TriggerType, Tool, Priority,
        MinConfidencePercent is { } min ? min / 100m : null, MaxConfidencePercent is { } max ? max / 100m : null, OwnerId, OlderThanDays);
}
