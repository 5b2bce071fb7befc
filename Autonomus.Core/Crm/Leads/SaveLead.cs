using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Leads;

/// <summary>Creates a lead or updates one at the version the editor loaded.</summary>
public sealed class SaveLead(ICrmDbFactory dbFactory, RecordAccess access, TimeProvider clock)
{
    public async Task<Guid> CreateAsync(LeadInput input, CancellationToken ct = default)
    {
        InputInvalid.ThrowIfInvalid(input);
        await using var db = await dbFactory.OpenAsync(ct);
        var owner = access.OwnerFor(input.OwnerId);
        await access.EnsureCanAssignAsync(db, owner, ct);
        var lead = new Lead(input.FirstName.Trim(), input.LastName.Trim(), input.Company, input.Source, owner, clock.GetUtcNow());
        lead.UpdateDetails(input.FirstName.Trim(), input.LastName.Trim(), Text.Blank(input.Company), Text.Blank(input.Email), Text.Blank(input.Phone), input.Source, input.Score);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(ct);
        return lead.Id;
    }

    public async Task UpdateAsync(Guid id, int expectedVersion, LeadInput input, CancellationToken ct = default)
    {
        InputInvalid.ThrowIfInvalid(input);
        await using var db = await dbFactory.OpenAsync(ct);
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw new RecordNotFound("Lead", id);
        db.ExpectVersion(lead, expectedVersion);
        await access.EnsureCanChangeAsync(db, lead, ct);
        await access.EnsureCanAssignAsync(db, input.OwnerId, ct);
        lead.UpdateDetails(input.FirstName.Trim(), input.LastName.Trim(), Text.Blank(input.Company), Text.Blank(input.Email), Text.Blank(input.Phone), input.Source, input.Score);
        lead.AssignOwner(input.OwnerId);
        await db.SaveChangesAsync(ct);
    }
}
