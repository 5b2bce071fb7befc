namespace Autonomus.Core.Common;

/// <summary>Builds case-insensitive LIKE patterns from user text, escaping the wildcards it may contain.</summary>
public static class Like
{
    /// <summary>A lower-case pattern; compare it with the lower-cased column (<c>lower(x) LIKE pattern</c>).</summary>
    public static string Contains(string text) =>
        "%" + text.Trim().ToLowerInvariant().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}
