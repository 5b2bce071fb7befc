using System.Threading.Channels;
using Autonomus.Core.Alerts;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace Autonomus.Web.Alerts;

/// <summary>
/// Every node LISTENs on <see cref="Alert.Channel"/> over a connection of its own, so an alert committed anywhere (by
/// any node, a job, or psql) reaches this node's hub clients and circuits. If the connection drops, it reconnects with
/// a growing pause and then announces a <see cref="AlertKinds.Resync"/>: whatever was missed meanwhile is re-read.
/// </summary>
public sealed class AlertListener(IConfiguration configuration, AlertBus bus, IHubContext<AlertsHub> hub,
    Autonomus.Core.Telemetry.AutonomyMetrics metrics, Autonomus.Core.Ledger.LedgerKeyRing keys, ILogger<AlertListener> logger)
    : BackgroundService
{
    public const string ApplicationName = "autonomus-alerts";
    private static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(20);
    private readonly Channel<Alert> _inbox = Channel.CreateBounded<Alert>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the node listens (for start-up checks and tests).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Whether the node is listening right now (false while it reconnects).</summary>
    public bool IsConnected { get; private set; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), DispatchAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionName))
        {
            ApplicationName = ApplicationName,
            Pooling = false,
            KeepAlive = 15, // a silent dead socket is noticed within seconds, not at the next alert
        }.ConnectionString;
        var pause = TimeSpan.FromMilliseconds(250);
        var connectedBefore = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) =>
                {
                    // Only what alert_notify signed: a pg_notify from any other source (another role, psql) is not believed.
                    if (AlertSignature.Verify(e.Payload, keys) is not { } json)
                        logger.LogWarning("Ignored an unsigned or forged alert on {Channel} from backend {Pid} ({Length} characters)", e.Channel, e.PID, e.Payload.Length);
                    else if (Alert.TryParse(json) is { } alert) _inbox.Writer.TryWrite(alert);
                    else logger.LogWarning("Ignored a malformed alert on {Channel} ({Length} characters)", e.Channel, e.Payload.Length);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Alert.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                pause = TimeSpan.FromMilliseconds(250);
                IsConnected = true;
                _listening.TrySetResult();
                if (connectedBefore)
                {
                    logger.LogInformation("Alert listener reconnected; asking every tenant's screens to re-read");
                    metrics.AlertListenerReconnected();
                    _inbox.Writer.TryWrite(new Alert(AlertKinds.Resync, Guid.Empty));
                }
                connectedBefore = true;
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                IsConnected = false;
                logger.LogWarning("Alert listener lost its database connection ({Error}); retrying in {Pause}", e.Message, pause);
                await Task.Delay(pause, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    /// <summary>
    /// Hands alerts on in small batches: a commit's notifications arrive together, so after the first one a moment's
    /// wait collects the rest and they go out folded (<see cref="AlertCoalescing"/>).
    /// </summary>
    private async Task DispatchAsync(CancellationToken ct)
    {
        try
        {
            while (await _inbox.Reader.WaitToReadAsync(ct))
            {
                await Task.Delay(CoalesceWindow, ct);
                var batch = new List<Alert>();
                while (_inbox.Reader.TryRead(out var alert)) batch.Add(alert);
                foreach (var alert in AlertCoalescing.Coalesce(batch)) await DispatchAsync(alert, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task DispatchAsync(Alert alert, CancellationToken ct)
    {
        metrics.AlertReceived(alert.Kind);
        bus.Publish(alert);
        try
        {
            // A resync names no tenant: every hub client is told to re-read.
            var clients = alert.Kind == AlertKinds.Resync ? hub.Clients.All : hub.Clients.Groups(AlertAudience.For(alert));
            await clients.SendAsync(AlertsHub.AlertMethod, alert, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not send a {Kind} alert to hub clients", alert.Kind);
        }
    }
}
