using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Policies;

/// <summary>
/// Engages or releases the tenant's kill switch. Takes the settings row's lock, so it waits for detections and
/// proposals under way (they read it with a share lock); every detection, proposal and apply that starts after it
/// commits reads the new state inside its own transaction.
/// </summary>
public sealed class ManageKillSwitch(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, LedgerWriter ledger,
    TimeProvider clock, ILogger<ManageKillSwitch> logger)
{
    public Task EngageAsync(string reason, CancellationToken ct = default) => ChangeAsync(true, reason, ct);

    public Task ReleaseAsync(CancellationToken ct = default) => ChangeAsync(false, null, ct);

    public async Task<AutonomySettings> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return await AutonomySettingsReader.ReadAsync(db, actor.TenantId ?? Guid.Empty, ct);
    }

    private async Task ChangeAsync(bool engage, string? reason, CancellationToken ct)
    {
        access.EnsureAdmin("Only Admins operate the kill switch.");
        var tenantId = actor.TenantId ?? throw new AccessDenied("No organisation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await AutonomySettingsReader.LockForUpdateAsync(db, tenantId, ct);
        var now = clock.GetUtcNow();
        var who = await LedgerActor.OfAsync(db, actor, "admin", ct);
        if (engage) settings.EngageKillSwitch(reason ?? "", who.Id ?? Guid.Empty, now);
        else settings.ReleaseKillSwitch(who.Id ?? Guid.Empty, now);
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(db, tenantId,
        [
            new LedgerDraft(engage ? LedgerKinds.KillSwitchEngaged : LedgerKinds.KillSwitchReleased, who.Type, who.Id, who.Name,
                "tenant", tenantId, Guid.CreateVersion7(), CanonicalJson.Serialize(new { reason = engage ? settings.KillSwitchReason : null })),
        ], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogWarning("Kill switch {State} for tenant {Tenant} by {UserId}", engage ? "engaged" : "released", tenantId, actor.UserId);
    }
}
