using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Telemetry;
using Autonomus.Core.Tenancy;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Triggers;

/// <summary>Runs detectors for the current tenant, in one transaction that also reads the kill switch.</summary>
public sealed class DetectTriggers(ICrmDbFactory dbFactory, ITenantContext tenant, IEnumerable<ITriggerDetector> detectors,
    AutonomyMetrics metrics, TimeProvider clock, ILogger<DetectTriggers> logger)
{
    public IReadOnlyList<string> Types => detectors.Select(d => d.TriggerType).ToList();

    /// <summary>Runs the detectors named (all when none); returns the new triggers by type.</summary>
    public async Task<IReadOnlyDictionary<string, int>> HandleAsync(IReadOnlyCollection<string>? types = null, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Triggers are detected for one tenant at a time.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await AutonomySettingsReader.ReadForShareAsync(db, tenantId, ct);
        var found = new Dictionary<string, int>();
        if (settings.KillSwitchEngaged)
        {
            logger.LogInformation("Kill switch engaged for tenant {Tenant}: no detection", tenantId);
            return found;
        }
        var now = clock.GetUtcNow();
        // A paused agent's detectors do not run (read under the same share lock as the kill switch).
        var paused = await Agents.ManageAgents.PausedTriggerTypesAsync(db, ct);
        foreach (var detector in detectors.Where(d => (types is null || types.Contains(d.TriggerType)) && !paused.Contains(d.TriggerType)))
        {
            found[detector.TriggerType] = await detector.DetectAsync(db, tenantId, settings, now, ct);
            metrics.TriggersDetected(detector.TriggerType, found[detector.TriggerType]);
        }
        await tx.CommitAsync(ct);
        if (found.Values.Sum() > 0)
            logger.LogInformation("Detected {Count} triggers for tenant {Tenant}: {ByType}", found.Values.Sum(), tenantId,
                string.Join(", ", found.Where(f => f.Value > 0).Select(f => $"{f.Key}={f.Value}")));
        return found;
    }
}
