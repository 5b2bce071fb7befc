using System.Text.Json.Nodes;
using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;

namespace Autonomus.Core.History.Restore;

/// <summary>
/// A person asked, from a record's history, to set fields back to an earlier moment: the proposal is exactly that, with
/// who asked and when the values are from. There is nothing to infer, so nothing else is proposed (not even by a model).
/// </summary>
public sealed class RestoreRequestedPlaybook : Playbook
{
    public override string TriggerType => DataQualityAgent.RestoreRequested;

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Context["fields"] is not JsonArray fields || !DateTimeOffset.TryParse(Str(f.Context, "as_of"), out var asOf)) return null;
        var values = fields.OfType<JsonObject>().Select(v => new RestoredValue { Field = v["field"]!.ToString(), Value = v["value"]?.ToString() }).ToList();
        var names = string.Join(", ", values.Select(v => v.Field));
        return Action(RestoreFieldsTool.ToolName,
            new RestoreFieldsPayload { RecordType = TypeOf(f.Record), RecordId = f.Record.Id, AsOf = asOf, Fields = values },
            T(f, "Restore.Summary", names, f.RecordLabel, Day(f, asOf)),
            T(f, "Restore.Why", Str(f.Context, "requested_by") ?? "?", Day(f, asOf), Str(f.Context, "note") ?? ""),
            1.0m, SuggestionPriority.Normal);
    }
}
