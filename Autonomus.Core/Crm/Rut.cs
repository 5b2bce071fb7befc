using System.ComponentModel.DataAnnotations;

namespace Autonomus.Core.Crm;

/// <summary>
/// The Chilean RUT (Rol Único Tributario): a body of up to eight digits and a check digit (0–9 or K, modulo 11 with
/// weights 2…7 from the right). People write it "76.123.456-7", "76123456-7" or "761234567"; it is kept as "76123456-7".
/// The database's <c>rut_check_digit</c> is the same rule in SQL (a test holds them to the same answers).
/// </summary>
public static class Rut
{
    /// <summary>The RUT as kept ("76123456-7", K upper case), or null when the text is not shaped like one.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var compact = new string(text.Where(c => c is not ('.' or '-' or ' ')).ToArray()).ToUpperInvariant();
        if (compact.Length is < 2 or > 9) return null;
        var (body, check) = (compact[..^1], compact[^1]);
        return body.All(char.IsAsciiDigit) && (char.IsAsciiDigit(check) || check == 'K') ? $"{body.TrimStart('0')}-{check}" : null;
    }

    /// <summary>The check digit the body calls for.</summary>
    public static char CheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++) sum += (body[^(i + 1)] - '0') * (2 + i % 6);
        return (11 - sum % 11) switch { 11 => '0', 10 => 'K', var d => (char)('0' + d) };
    }

    /// <summary>Shaped like a RUT and its check digit matches its body.</summary>
    public static bool IsValid(string? text) =>
        Normalize(text) is { } rut && rut.Split('-') is [var body, [var check]] && body.Length > 0 && CheckDigit(body) == check;

    /// <summary>A RUT with its dots, as people read it: "76.123.456-7".</summary>
    public static string Display(string rut) =>
        rut.Split('-') is [var body, var check] && long.TryParse(body, out var n)
            ? $"{n.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("es-CL"))}-{check}"
            : rut;
}

/// <summary>An optional field that, when filled, must be a RUT whose check digit matches.</summary>
public sealed class RutAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || Rut.IsValid(text);
}
