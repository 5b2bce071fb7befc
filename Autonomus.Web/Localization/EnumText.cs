using Microsoft.Extensions.Localization;

namespace Autonomus.Web.Localization;

public static class EnumText
{
    /// <summary>An enum value as a person reads it: the text under "LeadStatus.Qualified".</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T value) where T : struct, System.Enum =>
        localizer[$"{typeof(T).Name}.{value}"];

    /// <summary>For nullable values bound to a select: null shows as nothing (the select's placeholder).</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T? value) where T : struct, System.Enum =>
        value is { } v ? localizer.Enum(v) : "";
}
