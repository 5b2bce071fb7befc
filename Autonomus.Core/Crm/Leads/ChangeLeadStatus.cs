using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Leads;

public sealed class ChangeLeadStatus(ICrmDbFactory dbFactory, RecordAccess access, TimeProvider clock)
{
    public async Task HandleAsync(Guid id, int expectedVersion, LeadStatus status, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw new RecordNotFound("Lead", id);
        db.ExpectVersion(lead, expectedVersion);
        await access.EnsureCanChangeAsync(db, lead, ct);
        lead.ChangeStatus(status, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
