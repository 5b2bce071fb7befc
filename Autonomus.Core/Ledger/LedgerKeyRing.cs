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
    private readonly List<(string Id, byte[] Key)> _keys;

    /// <param name="keys">Newest first.</param>
    public LedgerKeyRing(IEnumerable<byte[]> keys)
    {
        _keys = keys.Select(k => k.Length >= 32 ? (IdOf(k), k) : throw new ArgumentException("A ledger key has at least 32 bytes.")).ToList();
        if (_keys.Count == 0) throw new ArgumentException("The ledger key ring is empty.");
    }

    public string CurrentId => _keys[0].Id;

    public IReadOnlyList<string> KeyIds => _keys.Select(k => k.Id).ToList();

    public byte[] Sign(byte[] data) => HMACSHA256.HashData(_keys[0].Key, data);

    /// <summary>False for an unknown key id as for a wrong code.</summary>
    public bool Verify(string? keyId, byte[] data, byte[]? mac)
    {
        if (mac is null) return false;
        foreach (var (id, key) in _keys)
            if (id == keyId) return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, data), mac);
        return false;
    }

    /// <summary>
    /// Keys for another purpose derived from this ring (newest first), so one secret kept outside the database serves
    /// several uses without one use's key revealing another's: <c>HMAC(key, purpose)</c>.
    /// </summary>
    public IReadOnlyList<byte[]> DeriveKeys(string purpose) =>
        _keys.Select(k => HMACSHA256.HashData(k.Key, System.Text.Encoding.UTF8.GetBytes(purpose))).ToList();

    /// <summary>
    /// The ring kept in a folder, one base64 key per <c>*.key</c> file; the file name that sorts last signs. An empty
    /// folder gets a first key. To rotate, add a file whose name sorts after the others; never delete a key while
    /// entries signed with it must still verify.
    /// </summary>
    public static LedgerKeyRing FromFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        if (Directory.GetFiles(folder, "*.key").Length == 0) WriteNewKey(folder, DateTimeOffset.UtcNow);
        return new LedgerKeyRing(Directory.GetFiles(folder, "*.key").OrderByDescending(Path.GetFileName, StringComparer.Ordinal)
            .Select(f => Convert.FromBase64String(File.ReadAllText(f).Trim())));
    }

    /// <summary>Writes a new signing key into <paramref name="folder"/> and returns its file.</summary>
    public static string WriteNewKey(string folder, DateTimeOffset now)
    {
        var file = Path.Combine(folder, $"ledger-{now.UtcDateTime:yyyyMMddTHHmmssfffZ}.key");
        File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return file;
    }

    /// <summary>A key that lives as long as the process: entries it signs stop verifying after a restart (Development only).</summary>
    public static LedgerKeyRing Ephemeral() => new([RandomNumberGenerator.GetBytes(32)]);

    private static string IdOf(byte[] key) => "k" + Convert.ToHexStringLower(SHA256.HashData(key))[..12];
}
