using System.Threading.Channels;
using Autonomus.Core.Alerts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Autonomus.Tests.Infrastructure;

/// <summary>A .NET SignalR client of /hubs/alerts over real HTTP, keeping what it hears for the test to read.</summary>
public sealed class AlertClient : IAsyncDisposable
{
    private readonly Channel<Alert> _alerts = Channel.CreateUnbounded<Alert>();
    private readonly TaskCompletionSource<int> _pending = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AlertClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<Alert>("alert", alert => _alerts.Writer.TryWrite(alert));
        connection.On<int>("pending", count => _pending.TrySetResult(count));
    }

    public HubConnection Connection { get; }

    /// <summary>All alerts received so far.</summary>
    public List<Alert> Received { get; } = [];

    /// <summary>The pending count the hub sent on connecting.</summary>
    public Task<int> PendingOnConnect => _pending.Task;

    public static async Task<AlertClient> ConnectAsync(Uri baseUrl, string? accessToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "hubs/alerts"), o =>
            {
                if (accessToken is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        var client = new AlertClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Connects as a demo user, with a bearer token from the API as a person would get one.</summary>
    public static async Task<AlertClient> ConnectAsAsync(Uri baseUrl, PostgresFixture pg, string email)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        return await ConnectAsync(baseUrl, await ApiClient.TokenAsync(http, pg, email));
    }

    /// <summary>The next alert matching <paramref name="match"/>, or a failure naming what did arrive.</summary>
    public async Task<Alert> NextAsync(Func<Alert, bool> match, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var alert = await _alerts.Reader.ReadAsync(timeout.Token);
                Received.Add(alert);
                if (match(alert)) return alert;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching alert; received: {string.Join(", ", Received.Select(a => $"{a.Kind}@{a.Tenant}"))}");
        }
    }

    /// <summary>Moves everything already delivered into <see cref="Received"/>.</summary>
    public List<Alert> Drain()
    {
        while (_alerts.Reader.TryRead(out var alert)) Received.Add(alert);
        return Received;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
