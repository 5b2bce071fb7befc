using System.Text.RegularExpressions;

namespace Autonomus.Core.Suggestions.Llm;

/// <summary>Masks emails and phone numbers in free text before a transcript is stored.</summary>
public static partial class TranscriptMask
{
    public static string Apply(string text) => Phone().Replace(Email().Replace(text, "[email]"), "[phone]");

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d[\d\s().-]{7,}\d")]
    private static partial Regex Phone();
}
