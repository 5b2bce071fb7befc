using Autonomus.Core.Common;
using MudBlazor;

namespace Autonomus.Web.Components.Shared;

public static class GridPaging
{
    /// <summary>
    /// The grid's request as a server page: skip, take and the first sort. A column's sort is named by its property;
    /// <paramref name="sortKeys"/> maps it to the query's key, and the query whitelists keys, so anything else only
    /// falls back to the default order.
    /// </summary>
    public static PageRequest ToPageRequest<T>(this GridState<T> state, IReadOnlyDictionary<string, string>? sortKeys = null)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var key = sort is null ? null : sortKeys?.GetValueOrDefault(sort.SortBy) ?? sort.SortBy;
        return new PageRequest(state.Page * state.PageSize, state.PageSize, key, sort?.Descending == true);
    }

    /// <summary>After a filter change: the results start again at their first page (a later page may not exist any more).</summary>
    public static async Task ReloadFromFirstPageAsync<T>(this MudDataGrid<T> grid)
    {
        if (grid.CurrentPage == 0) await grid.ReloadServerData();
        else grid.NavigateTo(Page.First); // reloads the server data itself
    }

    public static GridData<T> ToGridData<T>(this Page<T> page) => new() { Items = page.Items, TotalItems = page.TotalCount };
}
