using System.Text.Json;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Triggers;

/// <summary>
/// The domain-event path of <c>deal_regressed</c>: a move back raises the trigger in the same transaction as
/// the move, instead of waiting for the next scan. An open trigger for the deal already covers it.
/// </summary>
public sealed class DealRegressionTriggers
{
    public async Task<Guid?> RaiseAsync(ICrmDb db, Deal deal, DealStageChange change, CancellationToken ct)
    {
        var context = JsonSerializer.Serialize(new
        {
            stage_before = change.FromStage?.ToString(),
            stage_after = change.ToStage.ToString(),
            changed_at = change.ChangedAt,
            changed_by = change.ChangedBy,
            amount = deal.Amount,
            currency = deal.Currency,
        });
        var id = Guid.CreateVersion7();
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO triggers (id, tenant_id, type, record_type, record_id, context, detected_at, correlation_id)
            SELECT {id}, {deal.TenantId}, {TriggerTypes.DealRegressed}, 'Deal', {deal.Id}, {context}::jsonb, {change.ChangedAt}, {Guid.CreateVersion7()}
            WHERE NOT EXISTS (SELECT 1 FROM autonomy_settings s WHERE s.tenant_id = {deal.TenantId} AND s.kill_switch_engaged)
            ON CONFLICT (tenant_id, type, record_type, record_id) WHERE closed_at IS NULL DO NOTHING
            """, ct);
        return inserted == 1 ? id : null;
    }
}
