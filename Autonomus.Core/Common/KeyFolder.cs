namespace Autonomus.Core.Common;

/// <summary>One key file of a <see cref="KeyFolder"/>: its text, and from when it may sign.</summary>
public sealed record KeyFile(string Text, DateTimeOffset SignsFrom);

/// <summary>
/// A folder of key files kept outside the database (access-token and ledger keys). The file name that sorts last is
/// the newest key. A key added to a folder signs only <see cref="ActivationDelay"/> after its file appeared, so that
/// every node, restarted within that time, knows it before anything depends on it; until then it only verifies. An
/// empty folder gets a first key, which signs at once (there is no other).
/// </summary>
public static class KeyFolder
{
    public static readonly TimeSpan ActivationDelay = TimeSpan.FromMinutes(5);

    /// <summary>The folder's keys, newest first; <paramref name="newKey"/> makes the first one when there is none.</summary>
    public static IReadOnlyList<KeyFile> Read(string folder, string extension, string prefix, Func<string> newKey)
    {
        Directory.CreateDirectory(folder);
        var files = Directory.GetFiles(folder, "*" + extension);
        var first = files.Length == 0;
        if (first) files = [Write(folder, extension, prefix, newKey(), DateTimeOffset.UtcNow)];
        return files.OrderByDescending(Path.GetFileName, StringComparer.Ordinal)
            .Select(f => new KeyFile(File.ReadAllText(f).Trim(),
                first ? DateTimeOffset.MinValue : new DateTimeOffset(File.GetLastWriteTimeUtc(f), TimeSpan.Zero) + ActivationDelay))
            .ToList();
    }

    /// <summary>Writes a new key file readable by its owner only, and returns its path.</summary>
    public static string Write(string folder, string extension, string prefix, string text, DateTimeOffset now)
    {
        var file = Path.Combine(folder, $"{prefix}-{now.UtcDateTime:yyyyMMddTHHmmssfffZ}{extension}");
        // CreateNew: two nodes starting on an empty folder at the same moment must not overwrite each other's key.
        using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return file;
    }

    /// <summary>The newest key whose activation has come (the oldest, should none have): the one that signs now.</summary>
    public static T Signer<T>(IReadOnlyList<T> newestFirst, Func<T, DateTimeOffset> signsFrom, DateTimeOffset now)
    {
        foreach (var key in newestFirst)
            if (signsFrom(key) <= now) return key;
        return newestFirst[^1];
    }
}
