using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace Autonomus.Web.Localization;

/// <summary>
/// Reads <see cref="Strings"/> for the current UI culture. A text the Spanish file lacks falls back to English, and a
/// key neither file has shows as the key; each is logged once per culture and key, so a gap is noticed, not flooded.
/// </summary>
public sealed class ConsoleStringLocalizer(ILogger<ConsoleStringLocalizer> logger) : IStringLocalizer<Strings>
{
    public static readonly ResourceManager Resources = new("Autonomus.Web.Localization.Strings", typeof(Strings).Assembly);
    private static readonly ConcurrentDictionary<(string Culture, string Key), bool> Reported = new();

    /// <summary>
    /// A text in the current language where no localizer can be injected (validation attributes, static endpoints);
    /// a key with no text shows as the key.
    /// </summary>
    public static string Text(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public LocalizedString this[string name] => Find(name);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var text = Find(name);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, text.Value, arguments), text.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var set = Resources.GetResourceSet(CultureInfo.CurrentUICulture, createIfNotExists: true, tryParents: includeParentCultures);
        if (set is null) yield break;
        foreach (System.Collections.DictionaryEntry entry in set)
            yield return new LocalizedString((string)entry.Key, entry.Value as string ?? "");
    }

    private LocalizedString Find(string name)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = Resources.GetString(name, culture);
        if (text is null)
        {
            if (Reported.TryAdd((culture.Name, name), true)) logger.LogWarning("The console has no text for {Key}", name);
            return new LocalizedString(name, name, resourceNotFound: true);
        }
        if (!IsEnglish(culture) && Resources.GetResourceSet(culture, true, false)?.GetString(name) is null
            && Reported.TryAdd((culture.Name, name), true))
            logger.LogWarning("No {Culture} translation for {Key}: showing the English text", culture.Name, name);
        return new LocalizedString(name, text);
    }

    private static bool IsEnglish(CultureInfo culture) => culture.Name.Length == 0 || culture.TwoLetterISOLanguageName == "en";
}
