using Microsoft.Extensions.Localization;

namespace Autonomus.Web.Localization;

public static class CodeText
{
    /// <summary>
    /// A stored code ("action_applied", a role, a scope) as a person reads it: the text under "prefix.code", or the code
    /// itself when the console has no text for it (a code added later still shows, unchanged).
    /// </summary>
    public static string Code(this IStringLocalizer localizer, string prefix, string? code)
    {
        if (string.IsNullOrEmpty(code)) return "";
        var text = localizer[$"{prefix}.{code}"];
        return text.ResourceNotFound ? code : text.Value;
    }

    /// <summary>A ledger entry's kind: "Action applied" for action_applied.</summary>
    public static string LedgerKind(this IStringLocalizer localizer, string? kind) => localizer.Code("Ledger.Kinds", kind);
}
