using System.Security.Cryptography;

namespace Autonomus.Core.Ledger;

/// <summary>
/// The keys that authenticate ledger entries and checkpoints (HMAC-SHA256), held outside the database: whoever has
/// only the database's credentials can append through <c>ledger_append</c> but cannot make an entry that verifies.
/// The newest key signs; every key in the ring verifies, so a rotation keeps the old chain verifiable. A key's id is
/// derived from the key itself, so it names the key without revealing it.
/// </summary>
public sealed class LedgerKeyRing
{
    /// <summary>
    /// A key added to a folder signs only this long after it appeared, so that every node, restarted within that time,
    /// knows it before any entry depends on it; until then it only verifies.
    /// </summary>
    public static readonly TimeSpan ActivationDelay = TimeSpan.FromMinutes(5);

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
    private (string Id, byte[] Key, DateTimeOffset SignsFrom) Signer
    {
        get
        {
            var now = _clock.GetUtcNow();
            foreach (var key in _keys)
                if (key.SignsFrom <= now) return key;
            return _keys[^1];
        }
    }

    public string CurrentId => Signer.Id;

    public IReadOnlyList<string> KeyIds => _keys.Select(k => k.Id).ToList();

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
    /// The ring kept in a folder, one base64 key per <c>*.key</c> file; the file name that sorts last signs. An empty
    /// folder gets a first key. To rotate, add a file whose name sorts after the others; never delete a key while
    /// entries signed with it must still verify.
    /// </summary>
    public static LedgerKeyRing FromFolder(string folder, TimeProvider? clock = null)
    {
        Directory.CreateDirectory(folder);
        var files = Directory.GetFiles(folder, "*.key");
        if (files.Length == 0) return FromFiles([WriteNewKey(folder, DateTimeOffset.UtcNow)], first: true, clock);
        return FromFiles(files, first: false, clock);
    }

    private static LedgerKeyRing FromFiles(IEnumerable<string> files, bool first, TimeProvider? clock) =>
        new(files.OrderByDescending(Path.GetFileName, StringComparer.Ordinal).Select(f => (
            Convert.FromBase64String(File.ReadAllText(f).Trim()),
            // The first key of a new ring signs at once: there is no other to sign with.
            first ? DateTimeOffset.MinValue : new DateTimeOffset(File.GetLastWriteTimeUtc(f), TimeSpan.Zero) + ActivationDelay)), clock ?? TimeProvider.System);

    /// <summary>Writes a new signing key into <paramref name="folder"/> and returns its file.</summary>
    public static string WriteNewKey(string folder, DateTimeOffset now)
    {
        var file = Path.Combine(folder, $"ledger-{now.UtcDateTime:yyyyMMddTHHmmssfffZ}.key");
        // CreateNew: two nodes starting on an empty folder at the same moment must not overwrite each other's key.
        using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return file;
    }

    /// <summary>A key that lives as long as the process: entries it signs stop verifying after a restart (Development only).</summary>
    public static LedgerKeyRing Ephemeral() => new([RandomNumberGenerator.GetBytes(32)]);

    private static string IdOf(byte[] key) => "k" + Convert.ToHexStringLower(SHA256.HashData(key))[..12];
}
