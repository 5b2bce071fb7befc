using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Autonomus.Web.Diagnostics;

/// <summary>
/// The app's own System.Diagnostics.Metrics instruments (those of meters made by its IMeterFactory) in Prometheus
/// text format, since the OpenTelemetry exporter does not restore here. Counters become <c>_total</c> counters,
/// histograms summaries (count and sum). Instruments carry no tenant or personal data, so the endpoint is open to
/// the scraper.
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), Series> _series = new();

    private sealed class Series(bool histogram, string unit, string? description)
    {
        public bool Histogram { get; } = histogram;
        public string Unit { get; } = unit;
        public string? Description { get; } = description;
        public double Sum;
        public long Count;
    }

    public PrometheusMetrics(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Meter.Name.StartsWith("Autonomus", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new StringBuilder();
        foreach (var tag in tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal))
            labels.Append(labels.Length == 0 ? "" : ",").Append(Name(tag.Key)).Append("=\"").Append(Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "")).Append('"');
        var series = _series.GetOrAdd((instrument.Name, labels.ToString()),
            _ => new Series(instrument is Histogram<double> or Histogram<long> or Histogram<int>, instrument.Unit ?? "", instrument.Description));
        lock (series)
        {
            series.Sum += value;
            series.Count++;
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var group in _series.GroupBy(s => s.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First().Value;
            var name = Name(group.Key) + (first.Histogram && first.Unit == "ms" ? "_milliseconds" : "");
            if (first.Description is { } help) text.Append("# HELP ").Append(first.Histogram ? name : name + "_total").Append(' ').Append(help).Append('\n');
            text.Append("# TYPE ").Append(first.Histogram ? name : name + "_total").Append(first.Histogram ? " summary\n" : " counter\n");
            foreach (var (key, series) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
            {
                var labels = key.Labels.Length == 0 ? "" : "{" + key.Labels + "}";
                double sum; long count;
                lock (series) (sum, count) = (series.Sum, series.Count);
                if (series.Histogram)
                {
                    text.Append(name).Append("_count").Append(labels).Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    text.Append(name).Append("_sum").Append(labels).Append(' ').Append(sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }
                else
                    text.Append(name).Append("_total").Append(labels).Append(' ').Append(sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Name(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    public void Dispose() => _listener.Dispose();
}
