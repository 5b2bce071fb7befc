using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Autonomus.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer package) that keeps what it receives: tests send over real SMTP and read
/// the messages back. Recipients whose address starts with "bounce" are refused with a 5xx, as a real server refuses an
/// unknown mailbox. Stopped and started again on the same port to play a server that is down.
/// </summary>
public sealed class CaptureSmtpServer : IAsyncDisposable
{
    public ConcurrentQueue<MimeMessage> Received { get; } = new();
    public int Port { get; } = FreePort();
    private CancellationTokenSource? _stop;
    private Task? _running;

    public static async Task<CaptureSmtpServer> StartAsync()
    {
        var server = new CaptureSmtpServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(new Store(Received));
        provider.Add(new RefuseBounces());
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, provider).StartAsync(_stop.Token);
        // Listening once a connection is accepted.
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new InvalidOperationException($"The capture SMTP server did not start on port {Port}.");
    }

    public async Task StopAsync()
    {
        if (_stop is null) return;
        await _stop.CancelAsync();
        try { await _running!; } catch (OperationCanceledException) { }
        _stop = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class RefuseBounces : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!to.User.StartsWith("bounce", StringComparison.OrdinalIgnoreCase));
    }
}
