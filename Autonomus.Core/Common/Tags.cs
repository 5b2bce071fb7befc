using System.Text.RegularExpressions;

namespace Autonomus.Core.Common;

public static partial class Tags
{
    /// <summary>Lower-case letters, digits and dashes, 1–40 characters: "at-risk", "q4-push".</summary>
    public static string Normalize(string tag)
    {
        var normal = tag.Trim().ToLowerInvariant();
        if (!Shape().IsMatch(normal)) throw new DomainRuleViolation("A tag is 1–40 lower-case letters, digits or dashes, e.g. 'at-risk'.");
        return normal;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex Shape();
}
