namespace Autonomus.Core.Common;

public static class Text
{
    /// <summary>Trims user text and turns an empty field into null, so "no value" is stored one way.</summary>
    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
