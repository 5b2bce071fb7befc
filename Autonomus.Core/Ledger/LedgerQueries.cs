using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Ledger;

/// <param name="Agent">An agent's entries: its suggestions' whole chains (trigger to apply or undo) and the changes to its controls.</param>
public sealed record LedgerFilter(string? Kind = null, Guid? CorrelationId = null, string? ActorType = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Agent = null);

public sealed record LedgerRow(long Sequence, string Kind, string ActorType, string ActorName, string SubjectType, Guid SubjectId,
    Guid CorrelationId, DateTimeOffset At, string Data, string Hash);

/// <summary>The ledger for Admins and Auditors, newest first, paged in SQL.</summary>
public sealed class LedgerQueries(ICrmDbFactory dbFactory, RecordAccess access)
{
    public async Task<Page<LedgerRow>> ListAsync(LedgerFilter f, PageRequest page, CancellationToken ct = default)
    {
        if (!access.IsAdmin && !access.IsAuditor && !access.IsSystem) throw new AccessDenied("The ledger is for Admins and Auditors.");
        page = page.Normalized();
        await using var db = await dbFactory.OpenAsync(ct);
        var q = db.LedgerEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(f.Kind)) q = q.Where(e => e.Kind == f.Kind);
        if (f.CorrelationId is { } correlation) q = q.Where(e => e.CorrelationId == correlation);
        if (!string.IsNullOrEmpty(f.ActorType)) q = q.Where(e => e.ActorType == f.ActorType);
        if (f.From is { } from) q = q.Where(e => e.At >= from);
        if (f.To is { } to) q = q.Where(e => e.At < to);
        if (!string.IsNullOrEmpty(f.Agent))
        {
            var control = $"\"agent\":\"{f.Agent}\"";
            q = q.Where(e => db.Suggestions.Any(s => s.CorrelationId == e.CorrelationId && s.Agent == f.Agent)
                             || (e.SubjectType == "agent" && e.Data.Contains(control)));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(e => e.Sequence).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return new Page<LedgerRow>(rows.Select(e => new LedgerRow(e.Sequence, e.Kind, e.ActorType, e.ActorName, e.SubjectType, e.SubjectId,
            e.CorrelationId, e.At, e.Data, Convert.ToHexStringLower(e.Hash))).ToList(), total);
    }
}
