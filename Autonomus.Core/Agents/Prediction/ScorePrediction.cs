using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Agents.Prediction;

/// <summary>Scores the organisation's open records of one kind with its latest good model (<see cref="Prediction{TRow}.ScoreAsync"/>).</summary>
public sealed class ScorePrediction(ICrmDbFactory dbFactory, ITenantContext tenant, TimeProvider clock, ILogger<ScorePrediction> logger)
{
    public async Task<ScoreRun> HandleAsync(IPrediction prediction, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Records are scored for one organisation at a time.");
        await using var db = await dbFactory.OpenAsync(ct);
        var run = await prediction.ScoreAsync(db, tenantId, null, clock.GetUtcNow(), ct);
        if (run.Scored > 0)
            logger.LogInformation("Scored {Count} open records of tenant {Tenant} with {Kind} v{Version} ({Written} changed)",
                run.Scored, tenantId, prediction.Kind, run.Version, run.Written);
        return run;
    }
}
