using System.Text.RegularExpressions;

namespace Autonomus.Core.Agents.Compliance;

/// <summary>
/// Personal data written into free text: Chilean RUTs, payment card numbers (that pass the Luhn check), email addresses and
/// phone numbers. The detector's SQL finds candidates with <see cref="SqlCandidates"/>; this class confirms and redacts them.
/// </summary>
public static partial class PersonalData
{
    public const string Rut = "rut";
    public const string Card = "card";
    public const string Email = "email";
    public const string Phone = "phone";

    public static readonly IReadOnlyList<string> Kinds = [Rut, Card, Email, Phone];

    /// <summary>A PostgreSQL pattern matching text that may hold any of the kinds (a RUT, 13–19 digits, an address, an international number).</summary>
    public const string SqlCandidates = @"[0-9]{1,2}\.?[0-9]{3}\.?[0-9]{3}-[0-9kK]|([0-9][ -]?){12,18}[0-9]|" + DataQuality.ContactDetails.EmailAddress
        + @"|\+[0-9][0-9 ]{7,16}[0-9]";

    /// <summary>The kinds of personal data in the text, confirmed (a card number must pass Luhn).</summary>
    public static IReadOnlyList<string> Find(string? text) =>
        text is null ? [] : Kinds.Where(kind => Matches(kind, text).Any()).ToList();

    /// <summary>The text with every occurrence of the kinds replaced by a marker ("[RUT]").</summary>
    public static string Redact(string text, IEnumerable<string> kinds)
    {
        foreach (var kind in kinds)
            foreach (var match in Matches(kind, text).OrderByDescending(m => m.Index))
                text = string.Concat(text.AsSpan(0, match.Index), $"[{kind.ToUpperInvariant()}]", text.AsSpan(match.Index + match.Length));
        return text;
    }

    private static IEnumerable<Match> Matches(string kind, string text) => kind switch
    {
        Rut => RutRegex().Matches(text),
        Card => CardRegex().Matches(text).Where(m => Luhn(m.Value)),
        Email => EmailRegex().Matches(text),
        Phone => PhoneRegex().Matches(text),
        _ => throw new ArgumentException($"Unknown kind of personal data '{kind}'.", nameof(kind)),
    };

    /// <summary>The Luhn checksum (ISO/IEC 7812): what every payment card number satisfies, and most random digit runs do not.</summary>
    public static bool Luhn(string number)
    {
        var digits = number.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[^(i + 1)];
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }

    [GeneratedRegex(@"(?<![0-9.])[0-9]{1,2}\.?[0-9]{3}\.?[0-9]{3}-[0-9kK](?![0-9])")]
    private static partial Regex RutRegex();

    [GeneratedRegex(@"(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])")]
    private static partial Regex CardRegex();

    [GeneratedRegex(DataQuality.ContactDetails.EmailAddress)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"\+[0-9][0-9 ]{7,16}[0-9]")]
    private static partial Regex PhoneRegex();
}
