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
    private readonly Counter<long> _llmCalls;
    private readonly Counter<long> _llmTokens;
    private readonly Histogram<double> _llmLatency;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _alertReconnects;

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
        _llmCalls = _meter.CreateCounter<long>("autonomus.llm.calls", description: "Conversations with the model, by model and outcome.");
        _llmTokens = _meter.CreateCounter<long>("autonomus.llm.tokens", description: "Tokens spent, by model and direction.");
        _llmLatency = _meter.CreateHistogram<double>("autonomus.llm.duration", unit: "ms", description: "Time for the model to propose.");
        _alerts = _meter.CreateCounter<long>("autonomus.alerts.received", description: "Alerts this node heard from the database, by kind.");
        _alertReconnects = _meter.CreateCounter<long>("autonomus.alerts.reconnects", description: "Times this node's alert listener had to reconnect.");
    }

    public void TriggersDetected(string type, long count) { if (count > 0) _triggers.Add(count, new KeyValuePair<string, object?>("type", type)); }
    public void SuggestionCreated(string agent, string engine) =>
        _suggestions.Add(1, new KeyValuePair<string, object?>("agent", agent), new KeyValuePair<string, object?>("engine", engine));
    public void ProposalDropped(string triggerType) => _dropped.Add(1, new KeyValuePair<string, object?>("trigger_type", triggerType));
    public void SuggestionResolved(string status, long count = 1) => _reviews.Add(count, new KeyValuePair<string, object?>("status", status));
    public void ApplyFailed(string tool) => _applyFailures.Add(1, new KeyValuePair<string, object?>("tool", tool));
    public void ApplyDuration(string tool, double milliseconds) => _applyLatency.Record(milliseconds, new KeyValuePair<string, object?>("tool", tool));

    public void LlmCall(string model, string outcome, int tokensIn, int tokensOut, double milliseconds)
    {
        var m = new KeyValuePair<string, object?>("model", model);
        _llmCalls.Add(1, m, new KeyValuePair<string, object?>("outcome", outcome));
        _llmTokens.Add(tokensIn, m, new KeyValuePair<string, object?>("direction", "in"));
        _llmTokens.Add(tokensOut, m, new KeyValuePair<string, object?>("direction", "out"));
        _llmLatency.Record(milliseconds, m);
    }

    public void AlertReceived(string kind) => _alerts.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void AlertListenerReconnected() => _alertReconnects.Add(1);

    /// <summary>The meter these instruments belong to (tests listen to this instance only).</summary>
    internal Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
