using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Autonomus.Web.Components.Shared;

/// <summary>
/// The console's server-paged list: a <see cref="MudDataGrid{T}"/> whose new sort order starts again at the first
/// page (page 3 of another order means nothing), as filters do (<see cref="GridPaging.ReloadFromFirstPageAsync{T}"/>).
/// </summary>
[CascadingTypeParameter(nameof(T))]
public sealed class ServerGrid<T> : MudDataGrid<T>
{
    protected override void OnInitialized()
    {
        base.OnInitialized();
        if (!SortChanged.HasDelegate)
            SortChanged = EventCallback.Factory.Create<Dictionary<string, SortDefinition<T>>>(this, _ => NavigateTo(Page.First));
    }
}
