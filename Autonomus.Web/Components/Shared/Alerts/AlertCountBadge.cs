using Autonomus.Core.Alerts;
using Autonomus.Web.Alerts;
using Microsoft.AspNetCore.Components;

namespace Autonomus.Web.Components.Shared.Alerts;

/// <summary>
/// A count beside a menu entry, kept current by alerts: the kinds that can change it trigger a recount in SQL once a
/// burst settles. The badges say what they count and which alerts matter; this holds the subscription and the recount.
/// </summary>
public abstract class AlertCountBadge : ComponentBase, IDisposable
{
    [Inject] private AlertInbox Inbox { get; set; } = default!;

    private IDisposable? _subscription;
    private Throttled? _recount;

    protected int Count { get; private set; }

    /// <summary>The alerts after which the count may have changed (a resync always counts).</summary>
    protected abstract bool Changes(Alert alert);

    protected abstract Task<int> CountAsync();

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive) return;
        _recount = new Throttled(() => InvokeAsync(RecountAsync), TimeSpan.FromMilliseconds(200));
        _subscription = Inbox.Subscribe(alert =>
        {
            if (alert.Kind == AlertKinds.Resync || Changes(alert)) _recount.Request();
        });
        await RecountAsync();
    }

    private async Task RecountAsync()
    {
        try
        {
            Count = await CountAsync();
            StateHasChanged();
        }
        catch (Exception) { /* a failed recount keeps the last figure; the next alert tries again */ }
    }

    /// <summary>The count as a badge shows it: at most "999+".</summary>
    protected string Shown => Count > 999 ? "999+" : Count.ToString();

    public void Dispose()
    {
        _subscription?.Dispose();
        _recount?.Dispose();
        GC.SuppressFinalize(this);
    }
}
