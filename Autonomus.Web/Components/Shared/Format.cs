using System.Globalization;

namespace Autonomus.Web.Components.Shared;

public static class Format
{
    public static string Date(DateTimeOffset? at) => at is { } v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";
    public static string DateTime(DateTimeOffset? at) => at is { } v ? v.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";
    public static string Date(DateOnly? at) => at is { } v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";
    public static string Money(decimal amount, string currency) =>
        currency == "CLP" ? $"{currency} {amount.ToString("N0", CultureInfo.InvariantCulture)}" : $"{currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}";

    /// <summary>"Qualified", "ClosedWon" → "Closed won".</summary>
    public static string Words<T>(T value) where T : struct, Enum
    {
        var s = value.ToString();
        var words = string.Concat(s.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return words;
    }

    public static string DaysAgo(DateTimeOffset? at, DateTimeOffset now) => at is { } v
        ? (now - v).TotalDays switch { < 1 => "today", < 2 => "yesterday", var d => $"{(int)d} days ago" }
        : "never";
}
