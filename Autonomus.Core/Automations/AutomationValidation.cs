using System.Text.RegularExpressions;
using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.History.Restore;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;

namespace Autonomus.Core.Automations;

/// <summary>
/// What the schema cannot say about an automation: what each trigger kind needs, that a cron parses in a real time zone,
/// that conditions parse and name only fields that exist, that steps name real tools, agents, roles and one another.
/// Every problem names its place as a JSON path ("$.steps[1].tool"). Conditions are NCalc expressions: a small, safe
/// language (comparisons, logic, arithmetic, a few functions; no code, no loops, so evaluation is bounded by the text's
/// length, itself capped), with fields read as parameters, e.g. <c>[record.amount] > 1000000</c>.
/// </summary>
public static partial class AutomationValidation
{
    public const int MaxConditionLength = 500;
    public const int MaxSteps = 30;
    private static readonly string[] SuggestionEvents = ["created", "approved", "rejected", "undone"];
    private static readonly string[] EventFields = ["operation", "actor_type", "actor", "field", "from", "to", "at"];

    /// <summary>The fields a condition may read of a kind of record (stored names).</summary>
    public static IReadOnlyCollection<string> RecordFieldsOf(RecordType type) =>
        [.. (RecordFields.Restorable.TryGetValue(type, out var editable) ? editable : []),
         .. type switch
         {
             RecordType.Lead => new[] { "predicted_score" },
             RecordType.Deal => ["win_probability", "closed_at"],
             RecordType.Activity => ["type", "subject", "body", "due_at", "completed_at", "related_type", "related_id", "owner_id"],
             _ => [],
         },
         "id", "created_at", "updated_at", "last_activity_at", "tags"];

    public static Dictionary<string, string[]> Validate(AutomationDocument doc, ToolCatalogue tools)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string path, string message) => (errors.TryGetValue(path, out var list) ? list : errors[path] = []).Add(message);

        var t = doc.Trigger;
        var needsRecord = t.Kind is TriggerKind.RecordCreated or TriggerKind.RecordUpdated or TriggerKind.FieldChanged or TriggerKind.Inactivity;
        if (needsRecord && t.RecordType is null) Add("$.trigger.recordType", $"A {t.Kind} trigger names the kind of record it watches.");
        switch (t.Kind)
        {
            case TriggerKind.FieldChanged when t.RecordType is { } type && (t.Field is null || !RecordFieldsOf(type).Contains(t.Field)):
                Add("$.trigger.field", $"Name a field of a {type.ToString().ToLowerInvariant()}: one of {string.Join(", ", RecordFieldsOf(type))}.");
                break;
            case TriggerKind.StageChanged when t.RecordType is not (null or RecordType.Deal):
                Add("$.trigger.recordType", "Stage changes happen to deals.");
                break;
            case TriggerKind.Schedule:
                if (string.IsNullOrWhiteSpace(t.Cron)) Add("$.trigger.cron", "A schedule needs a cron expression, e.g. \"0 9 * * 1-5\".");
                else
                    try { Cronos.CronExpression.Parse(t.Cron); }
                    catch (Cronos.CronFormatException e) { Add("$.trigger.cron", $"Not a cron expression of five fields: {e.Message}"); }
                if (t.TimeZone is null) Add("$.trigger.timeZone", "Say the time zone the schedule reads in, e.g. America/Santiago.");
                else if (!TimeZoneInfo.TryFindSystemTimeZoneById(t.TimeZone, out _)) Add("$.trigger.timeZone", $"'{t.TimeZone}' is not a time zone.");
                break;
            case TriggerKind.Inactivity when t.Days is null:
                Add("$.trigger.days", "Say after how many days without activity.");
                break;
            case TriggerKind.Webhook when t.EndpointId is null:
                Add("$.trigger.endpointId", "Name the inbound webhook endpoint.");
                break;
            case TriggerKind.SuggestionEvent when t.Event is null || !SuggestionEvents.Contains(t.Event):
                Add("$.trigger.event", $"One of {string.Join(", ", SuggestionEvents)}.");
                break;
            case TriggerKind.AgentSignal:
                if (AgentCatalogue.Find(t.Agent ?? "")?.Prediction is null) Add("$.trigger.agent", "Name an agent with a score: lead_intelligence or deal_strategy.");
                if (t.Threshold is null) Add("$.trigger.threshold", "Say the score that, crossed upwards, fires it.");
                break;
        }

        for (var i = 0; i < doc.Conditions.Count; i++) CheckExpression($"$.conditions[{i}]", doc.Conditions[i], t, Add);

        if (doc.Steps.Count > MaxSteps) Add("$.steps", $"At most {MaxSteps} steps.");
        var ids = doc.Steps.Select(s => s.Id).ToList();
        for (var i = 0; i < doc.Steps.Count; i++)
        {
            var (s, at) = (doc.Steps[i], $"$.steps[{i}]");
            if (ids.Count(id => id == s.Id) > 1) Add($"{at}.id", $"Another step is also called '{s.Id}'.");
            switch (s.Kind)
            {
                case StepKind.Tool:
                    if (!tools.Mutations.Any(m => m.Name == s.Tool)) Add($"{at}.tool", $"Name a tool that changes records: one of {string.Join(", ", tools.Mutations.Select(m => m.Name).Order())}.");
                    if (s.Payload is null) Add($"{at}.payload", "A tool step has a payload (its fields may use {{record.field}} placeholders).");
                    break;
                case StepKind.Wait when s.DelayMinutes is null:
                    Add($"{at}.delayMinutes", "Say how many minutes to wait.");
                    break;
                case StepKind.Branch:
                    if (string.IsNullOrWhiteSpace(s.Condition)) Add($"{at}.condition", "A branch has a condition.");
                    else CheckExpression($"{at}.condition", s.Condition, t, Add);
                    foreach (var target in (s.Then ?? []).Concat(s.Else ?? []).Where(target => !ids.Contains(target) || target == s.Id))
                        Add($"{at}.then", $"'{target}' is not another step of this automation.");
                    break;
                case StepKind.CallAgent when AgentCatalogue.Find(s.Agent ?? "") is null:
                    Add($"{at}.agent", $"One of {string.Join(", ", AgentCatalogue.Names)}.");
                    break;
                case StepKind.Webhook when !Uri.TryCreate(s.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"):
                    Add($"{at}.url", "An absolute http(s) URL.");
                    break;
                case StepKind.Notify:
                    if (s.Role is not (Roles.Admin or Roles.SalesManager)) Add($"{at}.role", $"{Roles.Admin} or {Roles.SalesManager}.");
                    if (string.IsNullOrWhiteSpace(s.Message)) Add($"{at}.message", "Say what to tell them.");
                    break;
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void CheckExpression(string path, string text, AutomationTrigger trigger, Action<string, string> add)
    {
        if (text.Length > MaxConditionLength) { add(path, $"At most {MaxConditionLength} characters."); return; }
        var expression = new NCalc.Expression(text);
        if (expression.HasErrors()) { add(path, $"Does not parse: {expression.Error?.Message}"); return; }
        var fields = trigger.RecordType is { } type ? RecordFieldsOf(type) : [];
        foreach (var name in expression.GetParameterNames())
        {
            var match = Parameter().Match(name);
            var known = match.Success && match.Groups[1].Value switch
            {
                "record" or "old" or "new" => fields.Contains(match.Groups[2].Value),
                "event" => EventFields.Contains(match.Groups[2].Value),
                _ => false,
            };
            if (!known)
                add(path, trigger.RecordType is null
                    ? $"[{name}] is not something this trigger provides: event.{string.Join(", event.", EventFields)}."
                    : $"[{name}] is not a field: record.<field>, old.<field>, new.<field> (one of {string.Join(", ", fields)}) or event.<{string.Join("|", EventFields)}>.");
        }
    }

    [GeneratedRegex("^(record|old|new|event)\\.([a-z_]+)$")]
    private static partial Regex Parameter();
}
