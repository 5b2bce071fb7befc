using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Activities;

public sealed class CompleteActivity(ICrmDbFactory dbFactory, RecordAccess access, TimeProvider clock)
{
    public async Task HandleAsync(Guid id, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var activity = await db.Activities.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new RecordNotFound("Activity", id);
        db.ExpectVersion(activity, expectedVersion);
        await access.EnsureCanChangeAsync(db, activity, ct);
        var now = clock.GetUtcNow();
        activity.Complete(now);
        var record = await RecordLookup.FindAsync(db, activity.RelatedType, activity.RelatedId, ct) as ITouchable;
        record?.TouchActivity(now);
        await db.SaveChangesAsync(ct);
    }
}
