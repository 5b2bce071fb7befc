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
/// Runs an action a moment after it is first requested; requests meanwhile join that run, and one made while it runs
/// schedules the next. A burst of alerts costs one refresh, and a steady stream still refreshes every moment (waiting
/// for quiet could starve it). Requests after disposal are ignored (an alert can still be on its way to a closing
/// page); the action handles its own errors.
/// </summary>
public sealed class Throttled : IDisposable
{
    private readonly Func<Task> _action;
    private readonly TimeSpan _delay;
    private readonly Timer _timer;
    private int _scheduled;
    private volatile bool _disposed;

    public Throttled(Func<Task> action, TimeSpan delay)
    {
        (_action, _delay) = (action, delay);
        _timer = new Timer(_ => Run(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Request()
    {
        if (_disposed || Interlocked.Exchange(ref _scheduled, 1) == 1) return;
        try
        {
            _timer.Change(_delay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException) { /* disposed meanwhile: nothing left to refresh */ }
    }

    private void Run()
    {
        Interlocked.Exchange(ref _scheduled, 0);
        if (!_disposed) _ = _action();
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
