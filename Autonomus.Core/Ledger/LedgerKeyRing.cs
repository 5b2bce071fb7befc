using System.Security.Cryptography;
using Autonomus.Core.Common;

namespace Autonomus.Core.Ledger;

/// <summary>
/// The keys that authenticate ledger entries and checkpoints (HMAC-SHA256), held outside the database: whoever has
/// only the database's credentials can append through <c>ledger_append</c> but cannot make an entry that verifies.
/// The newest key signs; every key in the ring verifies, so a rotation keeps the old chain verifiable. A key's id is
/// derived from the key itself, so it names the key without revealing it.
/// </summary>
public sealed class LedgerKeyRing
{
    /// <summary>How long after its file appeared a new key starts signing (<see cref="KeyFolder"/>).</summary>
    public static TimeSpan ActivationDelay => KeyFolder.ActivationDelay;

    private readonly List<(string Id, byte[] Key, DateTimeOffset SignsFrom)> _keys;
    private readonly TimeProvider _clock;

    /// <param name="keys">Newest first; each signs at once.</param>
    public LedgerKeyRing(IEnumerable<byte[]> keys) : this(keys.Select(k => (k, DateTimeOffset.MinValue)), TimeProvider.System) { }

    private LedgerKeyRing(IEnumerable<(byte[] Key, DateTimeOffset SignsFrom)> keys, TimeProvider clock)
    {
        _clock = clock;
        _keys = keys.Select(k => k.Key.Length >= 32 ? (IdOf(k.Key), k.Key, k.SignsFrom) : throw new ArgumentException("A ledger key has at least 32 bytes.")).ToList();
        if (_keys.Count == 0) throw new ArgumentException("The ledger key ring is empty.");
    }

    /// <summary>The newest key whose activation has come (the oldest key, should none have).</summary>
    private (string Id, byte[] Key, DateTimeOffset SignsFrom) Signer => KeyFolder.Signer(_keys, k => k.SignsFrom, _clock.GetUtcNow());

    public string CurrentId => Signer.Id;

    /// <summary>Signs with the current key and says which one, in one step (a rotation between the two cannot split them).</summary>
    public (string KeyId, byte[] Mac) SignWithId(byte[] data)
    {
        var signer = Signer;
        return (signer.Id, HMACSHA256.HashData(signer.Key, data));
    }

    /// <summary>False for an unknown key id as for a wrong code.</summary>
    public bool Verify(string? keyId, byte[] data, byte[]? mac)
    {
        if (mac is null) return false;
        foreach (var (id, key, _) in _keys)
            if (id == keyId) return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, data), mac);
        return false;
    }

    /// <summary>
    /// Keys for another purpose derived from this ring (newest first), so one secret kept outside the database serves
    /// several uses without one use's key revealing another's: <c>HMAC(key, purpose)</c>.
    /// </summary>
    public IReadOnlyList<byte[]> DeriveKeys(string purpose) =>
        new[] { Signer }.Concat(_keys.Where(k => k.Id != Signer.Id))
            .Select(k => HMACSHA256.HashData(k.Key, System.Text.Encoding.UTF8.GetBytes(purpose))).ToList();

    /// <summary>
    /// The ring kept in a folder, one base64 key per <c>*.key</c> file (<see cref="KeyFolder"/>: the file name that sorts
    /// last is the newest). To rotate, add a file whose name sorts after the others; never delete a key while entries
    /// signed with it must still verify.
    /// </summary>
    public static LedgerKeyRing FromFolder(string folder, TimeProvider? clock = null) =>
        new(KeyFolder.Read(folder, ".key", "ledger", NewKeyText).Select(k => (Convert.FromBase64String(k.Text), k.SignsFrom)), clock ?? TimeProvider.System);

    /// <summary>Writes a new signing key into <paramref name="folder"/> and returns its file.</summary>
    public static string WriteNewKey(string folder, DateTimeOffset now) => KeyFolder.Write(folder, ".key", "ledger", NewKeyText(), now);

    private static string NewKeyText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A key that lives as long as the process: entries it signs stop verifying after a restart (Development only).</summary>
    public static LedgerKeyRing Ephemeral() => new([RandomNumberGenerator.GetBytes(32)]);

    private static string IdOf(byte[] key) => "k" + Convert.ToHexStringLower(SHA256.HashData(key))[..12];
}
