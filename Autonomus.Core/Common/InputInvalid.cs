using System.ComponentModel.DataAnnotations;

namespace Autonomus.Core.Common;

/// <summary>Input that failed validation, with a message per field. Nothing was written.</summary>
public sealed class InputInvalid(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The input is not valid: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static InputInvalid For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Runs the DataAnnotations rules of <paramref name="input"/> (the same ones the forms show) and throws on failure.</summary>
    public static void ThrowIfInvalid(object input)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true)) return;
        var errors = results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(x => x.Member)
            .ToDictionary(g => g.Key, g => g.Select(x => x.ErrorMessage ?? "Invalid value.").ToArray());
        throw new InputInvalid(errors);
    }
}
