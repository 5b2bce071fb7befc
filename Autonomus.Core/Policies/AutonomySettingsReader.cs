using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Policies;

public static class AutonomySettingsReader
{
    /// <summary>
    /// The tenant's settings, read with a share lock inside the caller's transaction: engaging the kill switch
    /// waits for work already under way and every later transaction sees it.
    /// </summary>
    public static async Task<AutonomySettings> ReadForShareAsync(ICrmDb db, Guid tenantId, CancellationToken ct) =>
        await db.AutonomySettings.FromSql($"SELECT * FROM autonomy_settings WHERE tenant_id = {tenantId} FOR SHARE").SingleOrDefaultAsync(ct)
        ?? new AutonomySettings(tenantId);

    public static async Task<AutonomySettings> ReadAsync(ICrmDb db, Guid tenantId, CancellationToken ct) =>
        await db.AutonomySettings.AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, ct) ?? new AutonomySettings(tenantId);
}
