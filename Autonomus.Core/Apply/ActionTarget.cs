using System.Text.Json.Nodes;
using Autonomus.Core.Common;

namespace Autonomus.Core.Apply;

/// <summary>
/// A reviewer may change how an action is done (a date, a subject, a status), not what it is done to: the
/// version check, the diff and the ledger all speak of the proposal's record.
/// </summary>
public static class ActionTarget
{
    /// <summary>The payload fields that name the record an action is done to: never edited, never offered as inputs.</summary>
    public static readonly IReadOnlyList<string> Fields = ["recordType", "recordId", "leadId", "dealId", "activityId"];

    /// <summary>Those of <see cref="Fields"/> that hold a record's id.</summary>
    public static readonly IReadOnlyList<string> IdFields = ["recordId", "leadId", "dealId", "activityId"];

    public static void EnsureUnchanged(string proposed, string edited)
    {
        var (before, after) = (JsonNode.Parse(proposed) as JsonObject, JsonNode.Parse(edited) as JsonObject);
        if (before is null || after is null) throw InputInvalid.For("", "The payload is not a JSON object.");
        foreach (var field in Fields)
        {
            var (was, now) = (before[field]?.ToString(), after[field]?.ToString());
            if (!string.Equals(was, now, StringComparison.OrdinalIgnoreCase))
                throw InputInvalid.For(field, "An edit cannot change which record the action targets.");
        }
    }
}
