namespace Autonomus.Core.Localization;

/// <summary>The languages the console speaks and the themes it offers. One list, read by the settings, the request
/// pipeline and the database constraints.</summary>
public static class UiCultures
{
    public const string English = "en";
    public const string SpanishChile = "es-CL";
    public static readonly IReadOnlyList<string> All = [English, SpanishChile];

    /// <summary>For CHECK constraints: 'en', 'es-CL'.</summary>
    public static string SqlList => string.Join(", ", All.Select(c => $"'{c}'"));

    public static bool IsSupported(string? culture) => culture is not null && All.Contains(culture, StringComparer.OrdinalIgnoreCase);

    /// <summary>"ES-cl" → "es-CL"; anything else → null.</summary>
    public static string? Normalise(string? culture) => All.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
}

public static class UiThemes
{
    public const string Light = "light";
    public const string Dark = "dark";
    public const string System = "system";
    public static readonly IReadOnlyList<string> All = [System, Light, Dark];

    public static string SqlList => string.Join(", ", All.Select(c => $"'{c}'"));

    public static string Normalise(string? theme) => All.FirstOrDefault(t => string.Equals(t, theme, StringComparison.OrdinalIgnoreCase)) ?? System;
}
