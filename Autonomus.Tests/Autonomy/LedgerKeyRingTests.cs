using Autonomus.Core.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>A key added to the folder verifies at once but signs only after the activation delay, so every node knows it first.</summary>
public sealed class LedgerKeyRingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ledger-ring-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void ANewKeySignsOnlyAfterTheActivationDelayAndVerifiesAtOnce()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var first = LedgerKeyRing.FromFolder(_folder, clock); // an empty folder gets its first key, which signs at once
        var oldId = first.CurrentId;
        File.SetLastWriteTimeUtc(Directory.GetFiles(_folder).Single(), DateTime.UtcNow.AddDays(-30));
        var (_, oldMac) = first.SignWithId([1, 2, 3]);

        LedgerKeyRing.WriteNewKey(_folder, DateTimeOffset.UtcNow.AddSeconds(1));
        var rotated = LedgerKeyRing.FromFolder(_folder, clock);
        Assert.Equal(oldId, rotated.CurrentId);
        Assert.True(rotated.Verify(oldId, [1, 2, 3], oldMac));

        clock.Advance(LedgerKeyRing.ActivationDelay + TimeSpan.FromSeconds(5));
        var (newId, newMac) = rotated.SignWithId([1, 2, 3]);
        Assert.NotEqual(oldId, newId);
        Assert.True(rotated.Verify(newId, [1, 2, 3], newMac));
        Assert.True(rotated.Verify(oldId, [1, 2, 3], oldMac)); // the old key still verifies what it signed
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
