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

    /// <summary>0.6667 → "66.7 %"; null (nothing to divide) → "—".</summary>
    public static string Percent(double? share) => share is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "—";

    /// <summary>A review time at the scale a person reads it: "45 s", "3 min 25 s", "2 h 5 min", "2.1 days".</summary>
    public static string Duration(TimeSpan? span) => span switch
    {
        null => "—",
        { TotalMinutes: < 1 } t => $"{t.Seconds} s",
        { TotalHours: < 1 } t => $"{t.Minutes} min {t.Seconds} s",
        { TotalDays: < 1 } t => $"{t.Hours} h {t.Minutes} min",
        { } t => $"{t.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days",
    };

    public static string DaysAgo(DateTimeOffset? at, DateTimeOffset now) => at is { } v
        ? (now - v).TotalDays switch { < 1 => "today", < 2 => "yesterday", var d => $"{(int)d} days ago" }
        : "never";
}
