using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autonomus.Core.Crm;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;

namespace Autonomus.Core.Suggestions.Llm;

/// <summary>
/// Asks an OpenAI-compatible model, through Semantic Kernel, for one next action on a trigger's record. The model may
/// call the read-only tools (run here on its behalf, tenant-scoped) and must end with one action call, or NO_ACTION.
/// The action is captured, never executed: it must name an action tool, fit that tool's schema and target the
/// trigger's record (or the record an activity hangs on). Anything else is a failure with its reason, never a
/// suggestion: the caller falls back to the playbook.
/// </summary>
public sealed class LlmSuggestionEngine(AiOptions options, ToolCatalogue tools, HttpClient http)
{
    public const string NoActionWord = "NO_ACTION";

    public string EngineName => $"llm:{options.Model}@prompt-{PromptTemplates.Version}";

    /// <param name="runQuery">Runs a read-only tool (name, JSON arguments) in the trigger's tenant; returns its JSON answer.</param>
    public async Task<LlmOutcome> ProposeAsync(TriggerFacts facts, ProposedAction? baseline,
        Func<string, string, CancellationToken, Task<string>> runQuery, CancellationToken ct)
    {
        var builder = Kernel.CreateBuilder();
        if (options.Provider == AiProvider.AzureOpenAI)
            builder.AddAzureOpenAIChatCompletion(options.Model!, options.Endpoint!.ToString(), options.ApiKey ?? "", httpClient: http);
        else
            builder.AddOpenAIChatCompletion(options.Model!, options.Endpoint!, options.ApiKey, httpClient: http);
        var kernel = builder.Build();
        var plugin = ToolFunctions.PluginOf(tools);
        kernel.Plugins.Add(plugin);
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var settings = new OpenAIPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(plugin, autoInvoke: false),
            MaxTokens = options.MaxOutputTokens,
            Temperature = 0,
        };
        var history = new ChatHistory(PromptTemplates.System);
        var task = TaskPrompt(facts, baseline);
        history.AddUserMessage(task);
        var (tokensIn, tokensOut, calls) = (0, 0, new List<string>());
        var transcript = new StringBuilder().AppendLine($"system: (prompt file system.{PromptTemplates.Version}.md)").AppendLine($"user: {task}");
        LlmOutcome Outcome(ProposedAction? action = null, bool noAction = false, string? failure = null) =>
            new(action, noAction, failure, tokensIn, tokensOut, calls, transcript.ToString());

        try
        {
            for (var round = 0; round <= options.MaxToolRounds; round++)
            {
                var message = await chat.GetChatMessageContentAsync(history, settings, kernel, ct);
                if (message.Metadata?.GetValueOrDefault("Usage") is ChatTokenUsage usage)
                    (tokensIn, tokensOut) = (tokensIn + usage.InputTokenCount, tokensOut + usage.OutputTokenCount);
                var requested = FunctionCallContent.GetFunctionCalls(message).ToList();
                var raw = (message.InnerContent as ChatCompletion)?.ToolCalls.ToDictionary(c => c.Id, c => c.FunctionArguments.ToString()) ?? [];
                transcript.AppendLine($"assistant: {message.Content}");
                foreach (var call in requested) transcript.AppendLine($"call {call.PluginName}-{call.FunctionName} {raw.GetValueOrDefault(call.Id ?? "")}");

                if (requested.Count == 0)
                    return (message.Content ?? "").Contains(NoActionWord, StringComparison.Ordinal)
                        ? Outcome(noAction: true)
                        : Outcome(failure: "The model answered without proposing an action or NO_ACTION.");
                foreach (var call in requested) calls.Add(call.FunctionName);

                if (requested.FirstOrDefault(c => c.PluginName != ToolFunctions.Plugin || !kernel.Plugins.TryGetFunction(c.PluginName, c.FunctionName, out _)) is { } unknown)
                    return Outcome(failure: $"The model called an unknown tool '{unknown.PluginName}-{unknown.FunctionName}'.");
                if (requested.FirstOrDefault(c => c.Exception is not null) is { } broken)
                    return Outcome(failure: $"The model's arguments for {broken.FunctionName} were not valid JSON.");

                var actions = requested.Where(c => tools.Get(c.FunctionName).Mutates).ToList();
                if (actions.Count > 1) return Outcome(failure: "The model proposed more than one action.");
                if (actions.Count == 1)
                {
                    var (action, failure) = Capture(facts, actions[0].FunctionName, raw.GetValueOrDefault(actions[0].Id ?? "") ?? "{}");
                    return Outcome(action, failure: failure);
                }

                history.Add(message);
                foreach (var call in requested)
                {
                    string answer;
                    try { answer = await runQuery(call.FunctionName, raw.GetValueOrDefault(call.Id ?? "") ?? "{}", ct); }
                    catch (Exception e) when (e is Common.InputInvalid or Common.RecordNotFound or Common.DomainRuleViolation) { answer = $"error: {e.Message}"; }
                    transcript.AppendLine($"tool {call.FunctionName}: {answer}");
                    history.Add(new FunctionResultContent(call, answer).ToChatMessage());
                }
            }
            return Outcome(failure: $"The model kept reading after {options.MaxToolRounds} rounds without proposing.");
        }
        catch (HttpOperationException e)
        {
            return Outcome(failure: e.StatusCode is { } status ? $"The model endpoint answered {(int)status} {status}." : $"The model endpoint could not be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return Outcome(failure: $"The model did not answer within {options.TimeoutSeconds} s.");
        }
    }

    /// <summary>The action call as a proposal, if it fits its tool's schema and targets this trigger's record.</summary>
    private (ProposedAction? Action, string? Failure) Capture(TriggerFacts facts, string tool, string arguments)
    {
        if (JsonNode.Parse(arguments) is not JsonObject payload) return (null, $"The model's arguments for {tool} are not an object.");
        var reasoning = payload[ToolFunctions.Reasoning]?.ToString();
        var confidence = decimal.TryParse(payload[ToolFunctions.Confidence]?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var c) ? c : -1;
        payload.Remove(ToolFunctions.Reasoning);
        payload.Remove(ToolFunctions.Confidence);
        if (string.IsNullOrWhiteSpace(reasoning)) return (null, "The model gave no reasoning.");
        if (confidence is < 0 or > 1) return (null, "The model gave no confidence between 0 and 1.");
        var errors = tools.GetMutation(tool).Schema.Validate(payload.ToJsonString());
        if (errors.Count > 0)
            return (null, $"The model's {tool} does not fit its schema: {string.Join("; ", ToolPayloads.Describe(errors).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        var allowed = new HashSet<Guid> { facts.Record.Id };
        if (facts.RelatedRecord is { } related) allowed.Add(related.Id);
        foreach (var field in Apply.ActionTarget.IdFields)
            if (payload[field]?.ToString() is { } value && (!Guid.TryParse(value, out var id) || !allowed.Contains(id)))
                return (null, $"The model's {tool} targets another record ({field} {value}), not the trigger's.");
        var summary = $"{tool.Replace('_', ' ')}: {payload["subject"]?.ToString() ?? TargetRecords.LabelOf(facts.Record)}";
        return (new ProposedAction(tool, payload.ToJsonString(), Truncate(summary, 300), Truncate(reasoning!, 4000), Math.Round(confidence, 3),
            SuggestionPriority.Normal, EngineName), null);
    }

    private static string TaskPrompt(TriggerFacts facts, ProposedAction? baseline)
    {
        var definition = TriggerTypes.Get(facts.Trigger.Type);
        var data = new JsonObject
        {
            ["record"] = JsonSerializer.SerializeToNode(RecordSnapshot.Of(facts.Record).ToDictionary(f => f.Field, f => f.Value)),
            ["record_label"] = facts.RecordLabel,
            ["owner"] = facts.OwnerName,
            ["facts"] = facts.Context.DeepClone(),
            ["last_touch"] = facts.LastTouch is { } t ? $"{t.Type} '{t.Subject}' on {t.At:yyyy-MM-dd} by {t.ByName}" : null,
            ["related_record"] = facts.RelatedRecord is { } r ? $"{TargetRecords.TypeOf(r)} {r.Id}: {TargetRecords.LabelOf(r)}" : null,
            ["today"] = facts.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return PromptTemplates.Fill(PromptTemplates.Task, new Dictionary<string, string>
        {
            ["trigger_type"] = definition.Type,
            ["trigger_description"] = definition.Description,
            ["guidance"] = PromptTemplates.GuidanceFor(definition.Type),
            ["record_type"] = facts.Trigger.RecordType.ToString(),
            ["record_id"] = facts.Trigger.RecordId.ToString(),
            ["playbook"] = baseline is null ? "nothing" : $"{baseline.Tool} {baseline.Payload}",
            // Delimited, and never able to close the delimiter itself.
            ["facts"] = data.ToJsonString().Replace("</crm_data>", "<\\/crm_data>", StringComparison.OrdinalIgnoreCase),
        });
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
