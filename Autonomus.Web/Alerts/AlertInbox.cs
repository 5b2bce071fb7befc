using Autonomus.Core.Alerts;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Alerts;

/// <summary>A circuit's alerts: this node's alerts that reach the signed-in person (their tenant, role and team).</summary>
public sealed class AlertInbox(AlertBus bus, CurrentUserTenantContext viewer)
{
    /// <summary>Calls <paramref name="onAlert"/> (on a background thread: marshal into the component) for each alert for this viewer.</summary>
    public IDisposable Subscribe(Action<Alert> onAlert) => bus.Subscribe(alert =>
    {
        if (IsForViewer(alert)) onAlert(alert);
    });

    private bool IsForViewer(Alert alert) =>
        alert.Kind == AlertKinds.Resync
        || viewer.TenantId is { } tenant && AlertAudience.Reaches(alert, AlertAudience.Of(tenant, viewer.UserId, viewer.Roles, viewer.Team));
}

/// <summary>
/// Runs an action once things have been quiet for a moment: a burst of alerts costs one refresh, not one each.
/// Requests after disposal are ignored (an alert can still be on its way to a closing page); the action handles its
/// own errors.
/// </summary>
public sealed class Debounced(Func<Task> action, TimeSpan quiet) : IDisposable
{
    private readonly Timer _timer = new(_ => _ = action(), null, Timeout.Infinite, Timeout.Infinite);
    private volatile bool _disposed;

    public void Request()
    {
        if (_disposed) return;
        try
        {
            _timer.Change(quiet, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException) { /* disposed meanwhile: nothing left to refresh */ }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
