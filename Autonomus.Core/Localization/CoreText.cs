using System.Globalization;
using System.Resources;

namespace Autonomus.Core.Localization;

/// <summary>
/// Texts the core writes for people: enum names (EnumText.resx, also what the console shows) and the playbooks'
/// summaries and reasoning (PlaybookText.resx), each in English and Spanish (es-CL).
/// </summary>
public static class CoreText
{
    public static readonly ResourceManager Enums = new("Autonomus.Core.Localization.EnumText", typeof(CoreText).Assembly);
    public static readonly ResourceManager Playbooks = new("Autonomus.Core.Localization.PlaybookText", typeof(CoreText).Assembly);

    /// <summary>"Closed won" / "Ganado" for DealStage.ClosedWon; the value's own name if a text is missing.</summary>
    public static string Enum<T>(T value, CultureInfo culture) where T : struct, System.Enum =>
        Enums.GetString($"{typeof(T).Name}.{value}", culture) ?? value.ToString();

    /// <summary>A playbook text formatted in <paramref name="culture"/> (numbers and dates included).</summary>
    public static string Playbook(CultureInfo culture, string key, params object?[] arguments)
    {
        var text = Playbooks.GetString(key, culture) ?? throw new InvalidOperationException($"No playbook text '{key}'.");
        return arguments.Length == 0 ? text : string.Format(culture, text, arguments);
    }
}
