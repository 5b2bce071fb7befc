using Autonomus.Web.Alerts;

namespace Autonomus.Tests.Alerts;

/// <summary>How screens refresh under alerts: a burst costs one refresh; a steady stream still refreshes as it goes.</summary>
public sealed class ThrottledTests
{
    [Fact]
    public async Task ABurstOfRequestsRunsTheActionOnce()
    {
        var runs = 0;
        using var refresh = new Throttled(() => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(100));

        for (var i = 0; i < 50; i++) refresh.Request();
        await Task.Delay(400);

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task ASteadyStreamOfRequestsStillRefreshesWhileItLasts()
    {
        var runs = 0;
        using var refresh = new Throttled(() => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(100));

        // A request every 30 ms for 1.2 s: waiting for quiet would never run until the end.
        for (var i = 0; i < 40; i++)
        {
            refresh.Request();
            await Task.Delay(30);
        }

        Assert.True(runs >= 5, $"ran {runs} times during the stream");
    }

    [Fact]
    public async Task RequestsAfterDisposalAreIgnored()
    {
        var runs = 0;
        var refresh = new Throttled(() => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(20));
        refresh.Dispose();

        refresh.Request();
        await Task.Delay(100);

        Assert.Equal(0, runs);
    }
}
