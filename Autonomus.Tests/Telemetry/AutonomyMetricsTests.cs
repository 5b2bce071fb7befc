using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Autonomus.Core.Apply;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Telemetry;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Telemetry;

public sealed class AutonomyMetricsTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task DetectionsAndProposalsAreCountedByTriggerTypeAndEngine()
    {
        await using var system = pg.Services(PostgresFixture.Andes);
        var metrics = system.GetRequiredService<AutonomyMetrics>();
        var measured = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter == metrics.Meter) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        listener.Start();

        var found = await system.GetRequiredService<DetectTriggers>().HandleAsync([TriggerTypes.OpportunityHot]);
        var proposed = await system.GetRequiredService<ProposeSuggestions>().HandleAsync();

        Assert.True(found[TriggerTypes.OpportunityHot] > 0);
        Assert.Equal(found[TriggerTypes.OpportunityHot], measured.Where(m => m.Instrument == "autonomus.triggers.detected" && (string?)m.Tags["type"] == TriggerTypes.OpportunityHot).Sum(m => m.Value));
        Assert.Equal(proposed, measured.Where(m => m.Instrument == "autonomus.suggestions.created").Sum(m => m.Value));
        var hot = await pg.ScalarAsync<long>("SELECT count(*) FROM suggestions WHERE tenant_id = @t AND engine = 'playbook:opportunity_hot@1'", ("t", PostgresFixture.Andes));
        Assert.Equal(hot, measured.Where(m => m.Instrument == "autonomus.suggestions.created" && (string?)m.Tags["engine"] == "playbook:opportunity_hot@1").Sum(m => m.Value));

    }

    [Fact]
    public async Task AnApplyRecordsItsDurationAndAResolution()
    {
        await using var system = pg.Services(PostgresFixture.Andes);
        await system.GetRequiredService<DetectTriggers>().HandleAsync([TriggerTypes.DealDecay]);
        await system.GetRequiredService<ProposeSuggestions>().HandleAsync();
        var suggestion = await pg.ScalarAsync<Guid>(
            "SELECT id FROM suggestions WHERE tenant_id = @t AND status = 'Pending' AND trigger_type = 'deal_decay' ORDER BY id LIMIT 1", ("t", PostgresFixture.Andes));

        await using var admin = await pg.ServicesAsAsync("admin@andes.demo");
        var metrics = admin.GetRequiredService<AutonomyMetrics>();
        var measured = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter == metrics.Meter) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        listener.Start();

        var outcome = await admin.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(suggestion));

        Assert.Equal(ApplyStatus.Applied, outcome.Status);
        var duration = Assert.Single(measured, m => m.Instrument == "autonomus.apply.duration");
        Assert.True(duration.Value > 0);
        Assert.Single(measured, m => m.Instrument == "autonomus.suggestions.resolved" && (string?)m.Tags["status"] == "Applied");
        Assert.DoesNotContain(measured, m => m.Instrument == "autonomus.apply.failures");
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags) result[tag.Key] = tag.Value;
        return result;
    }
}
