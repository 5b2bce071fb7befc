namespace Autonomus.Core.Common;

/// <summary>One page of a server-side list and the total number of rows that match the filter.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>Where a list starts, how long it is and how it is sorted. Sort keys are whitelisted per list.</summary>
public sealed record PageRequest(int Skip = 0, int Take = 25, string? SortBy = null, bool Descending = false)
{
    public const int MaxTake = 200;

    public PageRequest Normalized() => this with
    {
        Skip = Math.Max(0, Skip),
        Take = Math.Clamp(Take, 1, MaxTake),
    };
}
