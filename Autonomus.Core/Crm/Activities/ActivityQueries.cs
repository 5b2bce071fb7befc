using System.Linq.Expressions;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Activities;

public enum ActivityState
{
    Any,
    Open,
    Overdue,
    Completed,
}

public sealed record ActivityListFilter(string? Search = null, ActivityType? Type = null, ActivityState State = ActivityState.Any, Guid? OwnerId = null);

public sealed record ActivityRow(Guid Id, ActivityType Type, string Subject, string? Body, RecordType RelatedType, Guid RelatedId,
    DateTimeOffset? DueAt, DateTimeOffset? CompletedAt, string? OwnerName, DateTimeOffset CreatedAt, int Version);

public sealed class ActivityQueries(ICrmDbFactory dbFactory, RecordAccess access, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, Expression<Func<Activity, object?>>> SortKeys =
        new Dictionary<string, Expression<Func<Activity, object?>>>
        {
            ["type"] = a => a.Type,
            ["subject"] = a => a.Subject,
            ["due"] = a => a.DueAt,
            ["completed"] = a => a.CompletedAt,
            ["created"] = a => a.CreatedAt,
        };

    public async Task<Page<ActivityRow>> ListAsync(ActivityListFilter filter, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var query = access.Visible(db, db.Activities.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(filter.Search)) query = query.Where(a => EF.Functions.Like(a.Subject.ToLower(), Like.Contains(filter.Search)));
        if (filter.Type is { } type) query = query.Where(a => a.Type == type);
        if (filter.OwnerId is { } owner) query = query.Where(a => a.OwnerId == owner);
        var now = clock.GetUtcNow();
        query = filter.State switch
        {
            ActivityState.Open => query.Where(a => a.CompletedAt == null),
            ActivityState.Overdue => query.Where(a => a.CompletedAt == null && a.DueAt < now),
            ActivityState.Completed => query.Where(a => a.CompletedAt != null),
            _ => query,
        };
        return access.ShownPage(await query.ToPageAsync(page, SortKeys, "created", true, a => a.Id, ToRow(db), ct));
    }

    public async Task<ActivityRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return access.ShownRecord(await access.Visible(db, db.Activities.AsNoTracking()).Where(a => a.Id == id).Select(ToRow(db)).SingleOrDefaultAsync(ct));
    }

    /// <summary>A record's activities, newest first, one page at a time.</summary>
    public async Task<Page<ActivityRow>> TimelineAsync(RecordType relatedType, Guid relatedId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        // A record's timeline holds everyone's activities on it, so it is shown to whoever may see the record.
        if (!await access.CanSeeAsync(db, relatedType, relatedId, ct)) return new Page<ActivityRow>([], 0);
        var query = db.Activities.AsNoTracking().Where(a => a.RelatedType == relatedType && a.RelatedId == relatedId);
        return await query.ToPageAsync(page with { SortBy = "created", Descending = true }, SortKeys, "created", true, a => a.Id, ToRow(db), ct);
    }

    private static Expression<Func<Activity, ActivityRow>> ToRow(ICrmDb db) =>
        a => new ActivityRow(a.Id, a.Type, a.Subject, a.Body, a.RelatedType, a.RelatedId, a.DueAt, a.CompletedAt,
            db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName).FirstOrDefault(), a.CreatedAt, a.Version);
}

public static class ActivityRowExtensions
{
    public static bool IsDone(this ActivityRow row) => row.CompletedAt is not null;
}
