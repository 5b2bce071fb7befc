using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Activities;

/// <summary>Edits an activity's subject, details and due date at the version the editor loaded.</summary>
public sealed class UpdateActivity(ICrmDbFactory dbFactory, RecordAccess access)
{
    public async Task HandleAsync(Guid id, int expectedVersion, ActivityInput input, CancellationToken ct = default)
    {
        InputInvalid.ThrowIfInvalid(input);
        await using var db = await dbFactory.OpenAsync(ct);
        var activity = await db.Activities.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new RecordNotFound("Activity", id);
        db.ExpectVersion(activity, expectedVersion);
        await access.EnsureCanChangeAsync(db, activity, ct);
        activity.UpdateDetails(input.Subject.Trim(), Text.Blank(input.Body), input.DueAt);
        await db.SaveChangesAsync(ct);
    }
}
