using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Tools.Queries;

public sealed class GetActivityHistoryTool : QueryTool<ActivityHistoryArguments>
{
    public override string Name => "get_activity_history";
    public override string Description => "Lists the latest calls, emails, meetings, tasks and notes on a lead, deal, contact or account, newest first.";

    protected override async Task<object> RunAsync(ToolContext c, ActivityHistoryArguments a, CancellationToken ct)
    {
        if (!await c.Access.CanSeeAsync(c.Db, a.RecordType, a.RecordId, ct)) throw new RecordNotFound(a.RecordType.ToString(), a.RecordId);
        return await c.Db.Activities.AsNoTracking()
            .Where(x => x.RelatedType == a.RecordType && x.RelatedId == a.RecordId)
            .OrderByDescending(x => x.CompletedAt ?? x.DueAt ?? x.CreatedAt)
            .Take(a.Limit)
            .Select(x => new { id = x.Id, type = x.Type.ToString(), subject = x.Subject, body = x.Body, dueAt = x.DueAt, completedAt = x.CompletedAt })
            .ToListAsync(ct);
    }
}
