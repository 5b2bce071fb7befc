using System.Text.RegularExpressions;

namespace Autonomus.Core.Agents.DataQuality;

/// <summary>
/// What a usable email and phone look like, shared by the detectors' SQL and the playbooks that propose a correction: the
/// patterns are written in the syntax .NET and PostgreSQL's advanced regular expressions have in common.
/// </summary>
public static partial class ContactDetails
{
    /// <summary>An email address inside other text: one @, no spaces, a dot in the domain and a top-level domain of letters.</summary>
    public const string EmailAddress = @"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}";

    /// <summary>A field that is an email address and nothing else.</summary>
    public const string EmailPattern = "^" + EmailAddress + "$";

    /// <summary>E.164 once spaces, dots, dashes and parentheses are set aside: +, a country code not starting with 0, 8–15 digits.</summary>
    public const string E164Pattern = @"^\+[1-9][0-9]{7,14}$";

    /// <summary>The separators people write inside a phone number; removed before checking E.164.</summary>
    public const string PhoneSeparators = @"[\s.()-]";

    public static bool IsEmail(string? email) => email is not null && EmailRegex().IsMatch(email);

    public static bool IsE164(string? phone) => phone is not null && E164Regex().IsMatch(SeparatorRegex().Replace(phone, ""));

    /// <summary>
    /// A Chilean number written locally, as E.164: "9 8765 4321" and "(2) 2345 6789" have nine national digits (mobile 9…,
    /// landline area code + number) → "+56987654321"; "56 9 8765 4321" gains its +. Anything else cannot be inferred: null.
    /// </summary>
    public static string? ChileanE164(string? phone)
    {
        if (phone is null || phone.Any(char.IsLetter)) return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("56", StringComparison.Ordinal) && digits.Length == 11) return "+" + digits;
        if (digits.StartsWith('0')) digits = digits.TrimStart('0');
        return digits.Length == 9 ? "+56" + digits : null;
    }

    [GeneratedRegex(EmailPattern)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(E164Pattern)]
    private static partial Regex E164Regex();

    [GeneratedRegex(PhoneSeparators)]
    private static partial Regex SeparatorRegex();
}
