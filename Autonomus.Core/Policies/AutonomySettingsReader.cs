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

    /// <summary>
    /// The tenant's settings row, locked for update inside the caller's transaction; created (and so held) when missing.
    /// Another writer may create it at the same moment (a job recording the ledger's verification): then it is read again.
    /// </summary>
    public static async Task<AutonomySettings> LockForUpdateAsync(ICrmDb db, Guid tenantId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await db.AutonomySettings.FromSql($"SELECT * FROM autonomy_settings WHERE tenant_id = {tenantId} FOR UPDATE").SingleOrDefaultAsync(ct);
            if (row is not null) return row;
            var fresh = new AutonomySettings(tenantId);
            db.AutonomySettings.Add(fresh);
            try
            {
                // EF saves inside a savepoint of the caller's transaction: a duplicate rolls back to it, the transaction goes on.
                await db.SaveChangesAsync(ct);
                return fresh;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                db.AutonomySettings.Entry(fresh).State = EntityState.Detached;
            }
        }
    }

    public static async Task<AutonomySettings> ReadAsync(ICrmDb db, Guid tenantId, CancellationToken ct) =>
        await db.AutonomySettings.AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, ct) ?? new AutonomySettings(tenantId);
}
