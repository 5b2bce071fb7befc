using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// Rebuilds the organisation's calibration bins from its decided suggestions: one set-based statement (a GROUP BY over the
/// suggestions, written into the bins) in one transaction, so readers see the old bins or the new, never half.
/// </summary>
public sealed class RefreshCalibration(ICrmDbFactory dbFactory, ITenantContext tenant, TimeProvider clock)
{
    /// <summary>Outcomes older than this no longer say how the engine does today.</summary>
    public const int WindowDays = 180;

    private static readonly string InsertBins = $$"""
        INSERT INTO calibration_bins (tenant_id, agent, action, engine, bin, samples, successes, raw_sum, refreshed_at)
        SELECT tenant_id, agent, tool, engine, least(floor(confidence * {{Calibration.Bins}})::int, {{Calibration.Bins - 1}}),
               count(*)::int, sum(outcome), sum(confidence), {1}
        FROM (SELECT tenant_id, agent, tool, engine, confidence, {{Outcomes.Sql("{1}")}} AS outcome
              FROM suggestions
              WHERE tenant_id = {0} AND created_at >= {2} AND status IN ('Applied', 'Rejected', 'Undone')) decided
        WHERE outcome IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5
        """;

    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Calibration is refreshed for one organisation at a time.");
        var now = clock.GetUtcNow();
        var since = now.AddDays(-WindowDays);
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM calibration_bins WHERE tenant_id = {tenantId}", ct);
        // {0} {1} {2} are parameters; the bin count and the outcome expression are this code's own constants.
        var rows = await db.Database.ExecuteSqlRawAsync(InsertBins, [tenantId, now, since], ct);
        await tx.CommitAsync(ct);
        return rows;
    }
}
