using Autonomus.Core.Alerts;

namespace Autonomus.Web.Alerts;

/// <summary>
/// This node's alerts, handed to every subscriber in the process (the circuits' <see cref="AlertInbox"/>es). Fed only by
/// <see cref="AlertListener"/>, so an alert reaches a circuit the same way whichever node raised it.
/// </summary>
public sealed class AlertBus(ILogger<AlertBus> logger)
{
    private readonly Lock _gate = new();
    private Action<Alert>[] _subscribers = [];

    public IDisposable Subscribe(Action<Alert> subscriber)
    {
        lock (_gate) _subscribers = [.. _subscribers, subscriber];
        return new Subscription(this, subscriber);
    }

    public void Publish(Alert alert)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(alert);
            }
            catch (Exception e)
            {
                // One circuit's trouble must not keep the alert from the others.
                logger.LogWarning(e, "An alert subscriber failed on {Kind}", alert.Kind);
            }
        }
    }

    private void Unsubscribe(Action<Alert> subscriber)
    {
        lock (_gate) _subscribers = _subscribers.Where(s => s != subscriber).ToArray();
    }

    private sealed class Subscription(AlertBus bus, Action<Alert> subscriber) : IDisposable
    {
        public void Dispose() => bus.Unsubscribe(subscriber);
    }
}
