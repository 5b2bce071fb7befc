using Autonomus.Core.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Autonomus.Web.Components.Shared;

/// <summary>
/// A page around a server-paged grid. The grid loads on its own (first render, pager, sort), not through an event of
/// the page, so the page re-renders itself when the load's error appears or goes; a load the grid cancelled because a
/// newer one replaced it is no failure.
/// </summary>
public abstract class ListPage : ComponentBase
{
    /// <summary>Why the last page could not be loaded; null once a load succeeds.</summary>
    protected string? LoadError { get; private set; }

    protected async Task<GridData<T>> LoadPageAsync<T>(Func<Task<Page<T>>> load, string failure, CancellationToken ct)
    {
        try
        {
            var page = await load();
            ShowLoadError(null);
            return page.ToGridData();
        }
        catch (Exception) when (ct.IsCancellationRequested) { return new GridData<T>(); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ShowLoadError(failure);
            return new GridData<T>();
        }
    }

    private void ShowLoadError(string? error)
    {
        if (error == LoadError) return;
        LoadError = error;
        StateHasChanged();
    }
}
