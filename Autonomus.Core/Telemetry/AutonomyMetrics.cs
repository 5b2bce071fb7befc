using System.Diagnostics.Metrics;

namespace Autonomus.Core.Telemetry;

/// <summary>The autonomy loop's instruments (System.Diagnostics.Metrics), tagged by tenant-neutral dimensions.</summary>
public sealed class AutonomyMetrics : IDisposable
{
    public const string MeterName = "Autonomus.Autonomy";

    private readonly Meter _meter;
    private readonly Counter<long> _triggers;
    private readonly Counter<long> _suggestions;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _reviews;
    private readonly Counter<long> _applyFailures;
    private readonly Histogram<double> _applyLatency;

    // The factory is optional: hosts register one, a bare service collection (tools, tests) does not.
    public AutonomyMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _triggers = _meter.CreateCounter<long>("autonomus.triggers.detected", description: "Triggers detected, by type.");
        _suggestions = _meter.CreateCounter<long>("autonomus.suggestions.created", description: "Suggestions created, by agent and engine.");
        _dropped = _meter.CreateCounter<long>("autonomus.suggestions.dropped", description: "Proposals refused before entering the queue, by trigger type.");
        _reviews = _meter.CreateCounter<long>("autonomus.suggestions.resolved", description: "Suggestions leaving the queue, by resulting status.");
        _applyFailures = _meter.CreateCounter<long>("autonomus.apply.failures", description: "Approved actions that failed to apply, by tool.");
        _applyLatency = _meter.CreateHistogram<double>("autonomus.apply.duration", unit: "ms", description: "Time to apply an approved action.");
    }

    public void TriggersDetected(string type, long count) { if (count > 0) _triggers.Add(count, new KeyValuePair<string, object?>("type", type)); }
    public void SuggestionCreated(string agent, string engine) =>
        _suggestions.Add(1, new KeyValuePair<string, object?>("agent", agent), new KeyValuePair<string, object?>("engine", engine));
    public void ProposalDropped(string triggerType) => _dropped.Add(1, new KeyValuePair<string, object?>("trigger_type", triggerType));
    public void SuggestionResolved(string status, long count = 1) => _reviews.Add(count, new KeyValuePair<string, object?>("status", status));
    public void ApplyFailed(string tool) => _applyFailures.Add(1, new KeyValuePair<string, object?>("tool", tool));
    public void ApplyDuration(string tool, double milliseconds) => _applyLatency.Record(milliseconds, new KeyValuePair<string, object?>("tool", tool));

    /// <summary>The meter these instruments belong to (tests listen to this instance only).</summary>
    internal Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
