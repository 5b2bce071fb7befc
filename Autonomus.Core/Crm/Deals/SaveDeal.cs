using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Deals;

public sealed class SaveDeal(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext tenant, TimeProvider clock)
{
    public async Task<Guid> CreateAsync(DealInput input, CancellationToken ct = default)
    {
        InputInvalid.ThrowIfInvalid(input);
        if (tenant.TenantId is not { } tenantId) throw new InvalidOperationException("No tenant is set for this operation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await access.EnsureCanLinkToAccountAsync(db, input.AccountId!.Value, nameof(DealInput.AccountId), ct);
        var owner = access.OwnerFor(input.OwnerId);
        await access.EnsureCanAssignAsync(db, owner, ct);
        var deal = new Deal(tenantId, input.AccountId!.Value, input.Name.Trim(), input.Amount, input.Currency,
            input.ExpectedCloseDate!.Value, owner, clock.GetUtcNow());
        deal.UpdateDetails(input.AccountId!.Value, input.Name.Trim(), input.Amount, input.Currency, input.Probability, input.ExpectedCloseDate!.Value);
        db.Deals.Add(deal);
        await db.SaveChangesAsync(ct);
        return deal.Id;
    }

    public async Task UpdateAsync(Guid id, int expectedVersion, DealInput input, CancellationToken ct = default)
    {
        InputInvalid.ThrowIfInvalid(input);
        await using var db = await dbFactory.OpenAsync(ct);
        var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new RecordNotFound("Deal", id);
        db.ExpectVersion(deal, expectedVersion);
        await access.EnsureCanChangeAsync(db, deal, ct);
        if (input.AccountId != deal.AccountId) await access.EnsureCanLinkToAccountAsync(db, input.AccountId!.Value, nameof(DealInput.AccountId), ct);
        await access.EnsureCanChangeAmountAsync(db, deal, input.Amount, ct);
        await access.EnsureCanAssignAsync(db, input.OwnerId, ct);
        deal.UpdateDetails(input.AccountId!.Value, input.Name.Trim(), input.Amount, input.Currency, input.Probability, input.ExpectedCloseDate!.Value);
        deal.AssignOwner(input.OwnerId);
        await db.SaveChangesAsync(ct);
    }
}
