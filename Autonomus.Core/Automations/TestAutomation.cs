using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Automations;

public sealed record ConditionResult(string Expression, bool? Passed, string? Error);

/// <summary>What a step would do: its input as the record fills it, and for a tool the diff it would apply (or why it would be refused).</summary>
public sealed record StepResult(string Id, StepKind Kind, string Outcome, string? Input, IReadOnlyList<Tools.FieldChange>? Changes, string? Why);

public sealed record AutomationTestRun(Guid AutomationId, int Version, RecordType RecordType, Guid RecordId, bool ConditionsPass,
    IReadOnlyList<ConditionResult> Conditions, IReadOnlyList<StepResult> Steps);

/// <summary>
/// A test run of an automation's version on a chosen record, with every side effect stubbed: the conditions evaluated on
/// the record as it is (each true, false or why it failed), each step's input with the record's values filled in, and for a
/// tool the diff it would apply — computed by the same preview as the review queue, nothing saved, nothing sent.
/// </summary>
public sealed partial class TestAutomation(ICrmDbFactory dbFactory, ManageAutomations manage, PreviewSuggestion preview)
{
    public async Task<AutomationTestRun> HandleAsync(Guid automationId, Guid? recordId, int? version = null, CancellationToken ct = default)
    {
        var detail = await manage.GetAsync(automationId, version, ct);
        if (recordId is not { } id) throw InputInvalid.For("recordId", "Choose the record to test on.");
        var doc = detail.Document;
        var type = doc.Trigger.RecordType ?? (doc.Trigger.Kind == TriggerKind.StageChanged ? RecordType.Deal
            : throw InputInvalid.For("trigger", "A test run needs a trigger about a kind of record."));
        var record = await LoadAsync(type, id, ct) ?? throw new RecordNotFound(type.ToString(), id);
        var parameters = new Dictionary<string, object?>();
        foreach (var (field, value) in record)
        {
            parameters[$"record.{field}"] = Value(value);
            parameters[$"new.{field}"] = Value(value);
            parameters[$"old.{field}"] = null;
        }
        parameters["event.operation"] = "test";

        var conditions = doc.Conditions.Select(c => Evaluate(c, parameters)).ToList();
        var pass = conditions.All(c => c.Passed == true);
        var steps = new List<StepResult>();
        var skipped = new HashSet<string>();
        foreach (var step in doc.Steps)
        {
            if (!pass) { steps.Add(new StepResult(step.Id, step.Kind, "skipped", null, null, "The conditions do not hold for this record.")); continue; }
            if (skipped.Contains(step.Id)) { steps.Add(new StepResult(step.Id, step.Kind, "skipped", null, null, "Not the branch taken.")); continue; }
            steps.Add(step.Kind switch
            {
                StepKind.Tool => await ToolAsync(step, record, ct),
                StepKind.Branch => Branch(step, parameters, skipped),
                StepKind.Wait => new StepResult(step.Id, step.Kind, "would_wait", $"{step.DelayMinutes} min", null, null),
                StepKind.Notify => new StepResult(step.Id, step.Kind, "would_notify", $"{step.Role}: {Fill(step.Message ?? "", record)}", null, null),
                StepKind.Webhook => new StepResult(step.Id, step.Kind, "would_send", step.Url, null, "Not sent: a test run sends nothing."),
                _ => new StepResult(step.Id, step.Kind, "would_call", step.Agent, null, null),
            });
        }
        return new AutomationTestRun(automationId, detail.ShownVersion, type, id, pass, conditions, steps);
    }

    private async Task<StepResult> ToolAsync(AutomationStep step, JsonObject record, CancellationToken ct)
    {
        var payload = FillNode(step.Payload ?? [], record)!.ToJsonString();
        var result = await preview.HandleAsync(step.Tool!, payload, ct);
        return result.Preview is { } p
            ? new StepResult(step.Id, step.Kind, "would_apply", payload, p.Changes.ToList(), null)
            : new StepResult(step.Id, step.Kind, "refused", payload, null,
                result.Refusal ?? string.Join(" ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    private static StepResult Branch(AutomationStep step, Dictionary<string, object?> parameters, HashSet<string> skipped)
    {
        var decision = Evaluate(step.Condition ?? "", parameters);
        if (decision.Passed is not { } taken) return new StepResult(step.Id, step.Kind, "failed", step.Condition, null, decision.Error);
        foreach (var other in (taken ? step.Else : step.Then) ?? []) skipped.Add(other);
        return new StepResult(step.Id, step.Kind, taken ? "then" : "else", step.Condition, null, null);
    }

    private static ConditionResult Evaluate(string text, Dictionary<string, object?> parameters)
    {
        try
        {
            var expression = new NCalc.Expression(text);
            foreach (var (name, value) in parameters) expression.Parameters[name] = value;
            return expression.Evaluate() is bool b ? new ConditionResult(text, b, null) : new ConditionResult(text, null, "The expression is not true or false.");
        }
        catch (Exception e) when (e is not OperationCanceledException) { return new ConditionResult(text, null, e.Message); }
    }

    private static object? Value(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<decimal>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        null => null,
        _ => node.ToJsonString(),
    };

    /// <summary>A payload with <c>{{record.field}}</c> replaced by the record's values in every text.</summary>
    private static JsonNode? FillNode(JsonNode? node, JsonObject record) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, FillNode(p.Value, record)))),
        JsonArray a => new JsonArray(a.Select(i => FillNode(i, record)).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(Fill(v.GetValue<string>(), record)),
        _ => node?.DeepClone(),
    };

    private static string Fill(string text, JsonObject record) =>
        Placeholder().Replace(text, m => record[m.Groups[1].Value] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            null => "",
            var other => other.ToJsonString(),
        });

    [GeneratedRegex("\\{\\{record\\.([a-z_]+)\\}\\}")]
    private static partial Regex Placeholder();

    /// <summary>The record's columns as stored (to_jsonb of its row), under row-level security; null when not found.</summary>
    private async Task<JsonObject?> LoadAsync(RecordType type, Guid id, CancellationToken ct)
    {
        var table = History.TrackedRecords.Tables.Single(t => t.RecordType == type.ToString()).Table;
        await using var db = await dbFactory.OpenAsync(ct);
        // The table name comes from the tracked tables, never from input.
        var row = (await db.Database.SqlQuery<string>(System.Runtime.CompilerServices.FormattableStringFactory.Create(
            $"SELECT to_jsonb(t)::text AS \"Value\" FROM {table} t WHERE t.id = {{0}}", id)).ToListAsync(ct)).SingleOrDefault();
        return row is null ? null : JsonNode.Parse(row)!.AsObject();
    }
}
