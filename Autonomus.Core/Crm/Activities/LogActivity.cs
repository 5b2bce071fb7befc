using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Activities;

/// <summary>
/// Records an activity on a lead, deal, contact or account. An activity that is done counts as a touch:
/// the record's "last activity" moves forward in the same transaction.
/// </summary>
public sealed class LogActivity(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext tenant, TimeProvider clock)
{
    public async Task<Guid> HandleAsync(ActivityInput input, CancellationToken ct = default)
    {
        InputInvalid.ThrowIfInvalid(input);
        await using var db = await dbFactory.OpenAsync(ct);
        var now = clock.GetUtcNow();
        var done = input.Done || input.Type == ActivityType.Note;

        // Only leads, deals, contacts and accounts take activities: an activity is not touchable.
        var record = await RecordLookup.FindAsync(db, input.RelatedType, input.RelatedId, ct) as ITouchable
                     ?? throw new RecordNotFound(input.RelatedType.ToString(), input.RelatedId);
        await access.EnsureCanChangeAsync(db, (CrmRecord)record, ct);
        if (done) record.TouchActivity(now);

        var activity = new Activity(input.Type, input.Subject.Trim(), Text.Blank(input.Body), input.RelatedType, input.RelatedId,
            tenant.UserId, input.DueAt, done ? now : null);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);
        return activity.Id;
    }
}
