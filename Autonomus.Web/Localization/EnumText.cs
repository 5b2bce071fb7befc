using System.Globalization;
using Autonomus.Core.Localization;
using Microsoft.Extensions.Localization;

namespace Autonomus.Web.Localization;

public static class EnumText
{
    /// <summary>
    /// An enum value as the reader reads it ("Closed won", "Ganado"). The texts live with the core (EnumText.resx), which
    /// writes them into proposals too: one home for both. Called on the page's localizer so that markup reads L.Enum(x).
    /// </summary>
    public static string Enum<T>(this IStringLocalizer localizer, T value) where T : struct, System.Enum =>
        CoreText.Enum(value, CultureInfo.CurrentUICulture);

    /// <summary>For nullable values bound to a select: null shows as nothing (the select's placeholder).</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T? value) where T : struct, System.Enum =>
        value is { } v ? localizer.Enum(v) : "";
}
