using System.Linq.Expressions;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Suggestions;

public sealed record SuggestionFilter(
    SuggestionStatus? Status = SuggestionStatus.Pending,
    string? Agent = null,
    string? TriggerType = null,
    string? Tool = null,
    SuggestionPriority? Priority = null,
    decimal? MinConfidence = null,
    decimal? MaxConfidence = null,
    Guid? OwnerId = null,
    int? OlderThanDays = null,
    bool IncludeDeferred = false,
    RecordType? RecordType = null,
    Guid? RecordId = null,
    bool DoneByAutonomy = false);

public sealed record SuggestionRow(
    Guid Id, string TriggerType, string Agent, string Tool, string Summary, string RecordLabel, RecordType RecordType, Guid RecordId,
    int RecordVersion, decimal Confidence, SuggestionPriority Priority, SuggestionStatus Status, string Engine,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? DeferredUntil, string? Conflict)
{
    /// <summary>The record changed since the proposal (filled in after paging, for the page's rows only).</summary>
    public bool IsStale { get; init; }
    public string? OwnerName { get; init; }
}

/// <summary>The review queue: filtered, sorted and paged in SQL, limited to the records the reviewer may see.</summary>
public sealed class SuggestionQueries(ICrmDbFactory dbFactory, RecordAccess access, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, Expression<Func<Suggestion, object?>>> SortKeys =
        new Dictionary<string, Expression<Func<Suggestion, object?>>>
        {
            ["priority"] = s => s.Priority,
            ["created"] = s => s.CreatedAt,
            ["confidence"] = s => s.CalibratedConfidence ?? s.Confidence,
            ["applied"] = s => s.AppliedAt,
            ["expires"] = s => s.ExpiresAt,
            ["trigger"] = s => s.TriggerType,
            ["tool"] = s => s.Tool,
            ["record"] = s => s.RecordLabel,
        };

    public async Task<Page<SuggestionRow>> ListAsync(SuggestionFilter filter, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var query = Filtered(db, filter);
        // Default order: most urgent first, oldest first within a priority (ix_suggestions_queue serves it).
        var result = page.SortBy is null || !SortKeys.ContainsKey(page.SortBy)
            ? await DefaultOrderAsync(query, page, ct)
            : await query.ToPageAsync(page, SortKeys, "priority", true, s => s.Id, Row, ct);
        return result with { Items = await AnnotateAsync(db, result.Items, ct) };
    }

    /// <summary>
    /// A page of the default order after <paramref name="after"/> (keyset paging for the API): the page's position is a
    /// condition on the queue's index, so the thousandth page costs what the first does. The cursor of its last row
    /// continues it.
    /// </summary>
    public async Task<(Page<SuggestionRow> Page, QueueCursor? Next)> ListAfterAsync(SuggestionFilter filter, QueueCursor? after, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, PageRequest.MaxTake);
        await using var db = await dbFactory.OpenAsync(ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        if (after is { } c)
            query = query.Where(s => s.Priority < c.Priority
                || (s.Priority == c.Priority && (s.CreatedAt > c.CreatedAt || (s.CreatedAt == c.CreatedAt && s.Id > c.Id))));
        var rows = await query.OrderByDescending(s => s.Priority).ThenBy(s => s.CreatedAt).ThenBy(s => s.Id).Take(take + 1).Select(Row).ToListAsync(ct);
        var next = rows.Count > take ? QueueCursor.Of(rows[take - 1]) : null;
        var items = await AnnotateAsync(db, rows.Take(take).ToList(), ct);
        return (new Page<SuggestionRow>(items, total), next);
    }

    private static readonly Expression<Func<Suggestion, SuggestionRow>> Row = s => new SuggestionRow(
        s.Id, s.TriggerType, s.Agent, s.Tool, s.Summary, s.RecordLabel, s.RecordType, s.RecordId, s.RecordVersion, s.CalibratedConfidence ?? s.Confidence,
        s.Priority, s.Status, s.Engine, s.CreatedAt, s.ExpiresAt, s.DeferredUntil, s.Conflict);

    /// <summary>
    /// A page of the default order, read from whichever end of the queue is nearer: the last page of 100,000 costs what
    /// the first does (the index is walked backwards), instead of skipping 99,975 rows. The skipping itself reads only
    /// the queue's index (the page's ids first, then those 25 rows), so a page in the middle skips index entries, not
    /// table rows.
    /// </summary>
    private static async Task<Page<SuggestionRow>> DefaultOrderAsync(IQueryable<Suggestion> query, PageRequest page, CancellationToken ct)
    {
        page = page.Normalized();
        var total = await query.CountAsync(ct);
        var fromStart = page.Skip <= total / 2 || page.Skip >= total;
        var ids = fromStart
            ? await query.OrderByDescending(s => s.Priority).ThenBy(s => s.CreatedAt).ThenBy(s => s.Id)
                .Skip(page.Skip).Take(page.Take).Select(s => s.Id).ToListAsync(ct)
            : await query.OrderBy(s => s.Priority).ThenByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
                .Skip(total - page.Skip - Math.Min(page.Take, total - page.Skip)).Take(Math.Min(page.Take, total - page.Skip)).Select(s => s.Id).ToListAsync(ct);
        var rows = await query.Where(s => ids.Contains(s.Id)).Select(Row).ToListAsync(ct);
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        // Reading backwards gave the ids last-first; either way the page shows in the queue's order.
        var sorted = rows.OrderBy(r => order[r.Id]).ToList();
        if (!fromStart) sorted.Reverse();
        return new Page<SuggestionRow>(sorted, total);
    }

    public IQueryable<Suggestion> Filtered(ICrmDb db, SuggestionFilter f)
    {
        var q = Visible(db, db.Suggestions.AsNoTracking());
        var now = clock.GetUtcNow();
        if (f.Status is { } status) q = q.Where(s => s.Status == status);
        if (f.Status == SuggestionStatus.Pending && !f.IncludeDeferred) q = q.Where(s => s.DeferredUntil == null || s.DeferredUntil <= now);
        if (!string.IsNullOrEmpty(f.Agent)) q = q.Where(s => s.Agent == f.Agent);
        if (!string.IsNullOrEmpty(f.TriggerType)) q = q.Where(s => s.TriggerType == f.TriggerType);
        if (!string.IsNullOrEmpty(f.Tool)) q = q.Where(s => s.Tool == f.Tool);
        if (f.Priority is { } priority) q = q.Where(s => s.Priority == priority);
        if (f.MinConfidence is { } min) q = q.Where(s => (s.CalibratedConfidence ?? s.Confidence) >= min);
        if (f.MaxConfidence is { } max) q = q.Where(s => (s.CalibratedConfidence ?? s.Confidence) <= max);
        if (f.DoneByAutonomy) q = q.Where(s => s.AppliedByPolicy != null && (s.Status == SuggestionStatus.Applied || s.Status == SuggestionStatus.Undone));
        if (f.OlderThanDays is { } days) { var before = now.AddDays(-days); q = q.Where(s => s.CreatedAt <= before); }
        if (f.RecordType is { } type && f.RecordId is { } id) q = q.Where(s => s.RecordType == type && s.RecordId == id);
        if (f.OwnerId is { } owner)
            q = q.Where(s =>
                (s.RecordType == RecordType.Lead && db.Leads.Any(r => r.Id == s.RecordId && r.OwnerId == owner)) ||
                (s.RecordType == RecordType.Deal && db.Deals.Any(r => r.Id == s.RecordId && r.OwnerId == owner)) ||
                (s.RecordType == RecordType.Contact && db.Contacts.Any(r => r.Id == s.RecordId && r.OwnerId == owner)) ||
                (s.RecordType == RecordType.Account && db.Accounts.Any(r => r.Id == s.RecordId && r.OwnerId == owner)) ||
                (s.RecordType == RecordType.Activity && db.Activities.Any(r => r.Id == s.RecordId && r.OwnerId == owner)));
        return q;
    }

    /// <summary>Suggestions on records the reviewer may see: all of them for Admins and Auditors, the team's for managers.</summary>
    public IQueryable<Suggestion> Visible(ICrmDb db, IQueryable<Suggestion> q)
    {
        if (access.SeesWholeTenant) return q;
        var leads = access.Visible(db, db.Leads).Select(r => r.Id);
        var deals = access.Visible(db, db.Deals).Select(r => r.Id);
        var contacts = access.Visible(db, db.Contacts).Select(r => r.Id);
        var accounts = access.Visible(db, db.Accounts).Select(r => r.Id);
        var activities = access.Visible(db, db.Activities).Select(r => r.Id);
        return q.Where(s =>
            (s.RecordType == RecordType.Lead && leads.Contains(s.RecordId)) ||
            (s.RecordType == RecordType.Deal && deals.Contains(s.RecordId)) ||
            (s.RecordType == RecordType.Contact && contacts.Contains(s.RecordId)) ||
            (s.RecordType == RecordType.Account && accounts.Contains(s.RecordId)) ||
            (s.RecordType == RecordType.Activity && activities.Contains(s.RecordId)));
    }

    /// <summary>Current version and owner of each row's record: one query per record kind on the page, never per row.</summary>
    private static async Task<IReadOnlyList<SuggestionRow>> AnnotateAsync(ICrmDb db, IReadOnlyList<SuggestionRow> rows, CancellationToken ct)
    {
        var current = new Dictionary<Guid, (int Version, Guid? Owner)>();
        async Task Load<T>(IQueryable<T> set, RecordType type) where T : CrmRecord
        {
            var ids = rows.Where(r => r.RecordType == type).Select(r => r.RecordId).ToList();
            if (ids.Count == 0) return;
            foreach (var x in await set.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Version, r.OwnerId }).ToListAsync(ct))
                current[x.Id] = (x.Version, x.OwnerId);
        }
        await Load(db.Leads, RecordType.Lead);
        await Load(db.Deals, RecordType.Deal);
        await Load(db.Contacts, RecordType.Contact);
        await Load(db.Accounts, RecordType.Account);
        await Load(db.Activities, RecordType.Activity);
        var ownerIds = current.Values.Select(v => v.Owner).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(r => current.TryGetValue(r.RecordId, out var c)
            ? r with { IsStale = c.Version != r.RecordVersion, OwnerName = c.Owner is { } o ? names.GetValueOrDefault(o) : null }
            : r with { IsStale = true }).ToList();
    }

    /// <summary>Which of <paramref name="ids"/> exist and this reviewer may see: one query, whatever the count.</summary>
    public async Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return (await Visible(db, db.Suggestions.AsNoTracking()).Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>One suggestion with everything the detail pane shows, or null when the reviewer may not see it.</summary>
    public async Task<SuggestionDetail?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var s = await Visible(db, db.Suggestions.AsNoTracking()).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return null;
        var trail = await db.LedgerEntries.AsNoTracking().Where(e => e.CorrelationId == s.CorrelationId)
            .OrderBy(e => e.Sequence).Select(e => new LedgerTrailItem(e.Sequence, e.Kind, e.ActorName, e.At, e.Data)).ToListAsync(ct);
        var current = await RecordLookup.VersionAsync(db, s.RecordType, s.RecordId, ct);
        return new SuggestionDetail(s, current, trail);
    }

    /// <summary>How many suggestions match the filter per trigger type (ignoring the filter's own trigger type): one GROUP BY.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByTriggerTypeAsync(SuggestionFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return await Filtered(db, filter with { TriggerType = null }).GroupBy(s => s.TriggerType)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    /// <summary>Approved suggestions that hit a conflict (their record changed) and wait to be approved again.</summary>
    public async Task<int> CountConflictsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return await Visible(db, db.Suggestions).CountAsync(s => s.Status == SuggestionStatus.Approved && s.Conflict != null, ct);
    }

    /// <summary>How many suggestions wait for this reviewer (the badge on the menu).</summary>
    public async Task<int> CountPendingAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return await Filtered(db, new SuggestionFilter()).CountAsync(ct);
    }
}

/// <summary>Where a keyset page of the queue's default order ends: its last row's priority, creation time and id.</summary>
public sealed record QueueCursor(SuggestionPriority Priority, DateTimeOffset CreatedAt, Guid Id)
{
    public static QueueCursor Of(SuggestionRow row) => new(row.Priority, row.CreatedAt, row.Id);

    /// <summary>Opaque to clients: base64url of "priority|ticks|id".</summary>
    public override string ToString() =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{(int)Priority}|{CreatedAt.UtcTicks}|{Id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static QueueCursor? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200) return null;
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            return parts.Length == 3 && int.TryParse(parts[0], out var p) && Enum.IsDefined((SuggestionPriority)p)
                && long.TryParse(parts[1], out var ticks) && ticks is > 0 and < 3155378975999999999 && Guid.TryParse(parts[2], out var id)
                ? new QueueCursor((SuggestionPriority)p, new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException) { return null; }
    }
}

public sealed record LedgerTrailItem(long Sequence, string Kind, string Actor, DateTimeOffset At, string Data);

public sealed record SuggestionDetail(Suggestion Suggestion, int? CurrentRecordVersion, IReadOnlyList<LedgerTrailItem> Trail)
{
    public bool IsStale => CurrentRecordVersion != Suggestion.RecordVersion;
}
