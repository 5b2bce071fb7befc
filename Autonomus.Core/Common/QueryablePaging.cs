using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Common;

public static class QueryablePaging
{
    /// <summary>
    /// Sorts by a whitelisted key (no key or an unknown one falls back to the default order), then by id so that pages are
    /// stable, counts and fetches one page: two SQL statements, whatever the table size.
    /// </summary>
    public static async Task<Page<TRow>> ToPageAsync<TEntity, TRow>(
        this IQueryable<TEntity> query,
        PageRequest request,
        IReadOnlyDictionary<string, Expression<Func<TEntity, object?>>> sortKeys,
        string defaultSortKey,
        bool defaultDescending,
        Expression<Func<TEntity, Guid>> tieBreaker,
        Expression<Func<TEntity, TRow>> projection,
        CancellationToken ct)
    {
        request = request.Normalized();
        var total = await query.CountAsync(ct);

        var known = request.SortBy is not null && sortKeys.ContainsKey(request.SortBy);
        var sort = sortKeys[known ? request.SortBy! : defaultSortKey];
        var descending = known ? request.Descending : defaultDescending;
        var ordered = descending ? query.OrderByDescending(sort) : query.OrderBy(sort);
        // The tie-breaker runs in the same direction so that one index scan (forwards or backwards) serves the order.
        var items = await (descending ? ordered.ThenByDescending(tieBreaker) : ordered.ThenBy(tieBreaker))
            .Skip(request.Skip)
            .Take(request.Take)
            .Select(projection)
            .ToListAsync(ct);
        return new Page<TRow>(items, total);
    }
}
