using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Deals;

/// <summary>Moves a deal to another stage, recording the move (and whether it went backwards) in its history.</summary>
public sealed class MoveDealStage(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext tenant, TimeProvider clock)
{
    public async Task<DealStageChange> HandleAsync(Guid id, int expectedVersion, DealStage stage, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new RecordNotFound("Deal", id);
        db.ExpectVersion(deal, expectedVersion);
        await access.EnsureCanChangeAsync(db, deal, ct);
        var limit = await db.Tenants.Where(t => t.Id == deal.TenantId).Select(t => t.DealStageApprovalLimit).SingleAsync(ct);
        if (limit is { } max && deal.Amount > max && !access.IsAdmin && !access.IsSystem)
            throw new AccessDenied($"Deals above {max:N0} {deal.Currency} need an Admin to change stage.");
        var change = deal.MoveToStage(stage, clock.GetUtcNow(), tenant.UserId);
        // Added explicitly: a new child with its key already set would otherwise be taken for an existing row.
        db.DealStageChanges.Add(change);
        await db.SaveChangesAsync(ct);
        return change;
    }
}
