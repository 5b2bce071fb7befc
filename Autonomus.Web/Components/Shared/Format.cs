using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Autonomus.Web.Components.Shared;

/// <summary>
/// Numbers, money and dates in the reader's culture (es-CL: 1.234.567, CLP without decimals, 29-11-2026). Times are
/// shown in a zone when one is given (the organisation's: see <see cref="LocalTime"/>), else in UTC and marked so.
/// </summary>
public static class Format
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public static string Date(DateTimeOffset? at, TimeZoneInfo? zone = null) =>
        at is { } v ? In(v, zone).ToString("d", Culture) : "—";

    public static string DateTime(DateTimeOffset? at, TimeZoneInfo? zone = null) =>
        at is { } v ? In(v, zone).ToString("g", Culture) + (zone is null || zone == TimeZoneInfo.Utc ? " UTC" : "") : "—";

    public static string Date(DateOnly? at) => at is { } v ? v.ToString("d", Culture) : "—";

    /// <summary>CLP has no decimals; other currencies two. The currency code always shows: amounts in two currencies are never mixed.</summary>
    public static string Money(decimal amount, string currency) =>
        $"{currency} {amount.ToString(currency == "CLP" ? "N0" : "N2", Culture)}";

    public static string Number(double value, string format = "N0") => value.ToString(format, Culture);

    /// <summary>"Qualified", "ClosedWon" → "Closed won" (for values without a translated text).</summary>
    public static string Words<T>(T value) where T : struct, Enum
    {
        var s = value.ToString();
        return string.Concat(s.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
    }

    /// <summary>0.6667 → "66.7 %" (66,7 % in Spanish); null (nothing to divide) → "—".</summary>
    public static string Percent(double? share) => share is { } v ? (v * 100).ToString("0.#", Culture) + " %" : "—";

    /// <summary>A review time at the scale a person reads it: "45 s", "3 min 25 s", "2 h 5 min", "2.1 d".</summary>
    public static string Duration(TimeSpan? span) => span switch
    {
        null => "—",
        { TotalMinutes: < 1 } t => $"{t.Seconds} s",
        { TotalHours: < 1 } t => $"{t.Minutes} min {t.Seconds} s",
        { TotalDays: < 1 } t => $"{t.Hours} h {t.Minutes} min",
        { } t => $"{t.TotalDays.ToString("0.#", Culture)} d",
    };

    public static string DaysAgo(DateTimeOffset? at, DateTimeOffset now, IStringLocalizer text) => at is { } v
        ? (now - v).TotalDays switch { < 1 => text["Common.Today"], < 2 => text["Common.Yesterday"], var d => text["Common.DaysAgo", (int)d] }
        : text["Common.Never"];

    private static DateTimeOffset In(DateTimeOffset at, TimeZoneInfo? zone) => zone is null ? at.ToUniversalTime() : TimeZoneInfo.ConvertTime(at, zone);
}
