using System.Text.Json.Nodes;
using Autonomus.Core.Tools;
using Microsoft.SemanticKernel;
using NJsonSchema;

namespace Autonomus.Core.Suggestions.Llm;

/// <summary>
/// The tool catalogue as kernel functions, for the model to choose from. None of them runs by itself (functions are
/// offered with auto-invoke off): query tools are run by the engine on the model's behalf, read-only; a call of an
/// action tool is taken as the proposal and never executed here. Action tools get two extra parameters the model
/// must fill: <c>reasoning</c> and <c>confidence</c>.
/// </summary>
public static class ToolFunctions
{
    public const string Plugin = "crm";
    public const string Reasoning = "reasoning";
    public const string Confidence = "confidence";

    public static KernelPlugin PluginOf(ToolCatalogue catalogue) => KernelPluginFactory.CreateFromFunctions(Plugin,
        catalogue.All.OrderBy(t => t.Name).Select(FunctionOf));

    private static KernelFunction FunctionOf(ITool tool)
    {
        var parameters = tool.Schema.ActualProperties.Select(p => new KernelParameterMetadata(p.Key)
        {
            Description = p.Value.Description,
            IsRequired = p.Value.IsRequired,
            Schema = KernelJsonSchema.Parse(PropertySchema(p.Value).ToJsonString()),
        }).ToList();
        if (tool.Mutates)
        {
            parameters.Add(new KernelParameterMetadata(Reasoning)
            {
                Description = "Why this action, in one or two sentences drawn from the facts.", IsRequired = true,
                Schema = KernelJsonSchema.Parse("""{"type":"string","maxLength":1000}"""),
            });
            parameters.Add(new KernelParameterMetadata(Confidence)
            {
                Description = "How sure you are that this is the right action, from 0 to 1.", IsRequired = true,
                Schema = KernelJsonSchema.Parse("""{"type":"number","minimum":0,"maximum":1}"""),
            });
        }
        var description = tool.Mutates ? $"ACTION (proposed for human review, never run by you). {tool.Description}" : $"READ-ONLY. {tool.Description}";
        Func<KernelArguments, string> never = _ => throw new InvalidOperationException($"{tool.Name} is never invoked by the model.");
        return KernelFunctionFactory.CreateFromMethod(never,
            new KernelFunctionFromMethodOptions { FunctionName = tool.Name, Description = description, Parameters = parameters });
    }

    /// <summary>One property's schema, self-contained: enums inlined (no $ref), nullability dropped (optional = not required).</summary>
    private static JsonObject PropertySchema(JsonSchemaProperty property)
    {
        var type = property.ActualTypeSchema;
        var kinds = type.Type == JsonObjectType.None ? property.Type : type.Type;
        var schema = new JsonObject
        {
            ["type"] = kinds.HasFlag(JsonObjectType.Integer) ? "integer"
                : kinds.HasFlag(JsonObjectType.Number) ? "number"
                : kinds.HasFlag(JsonObjectType.Boolean) ? "boolean"
                : "string",
        };
        if ((property.Format ?? type.Format) is { } format) schema["format"] = format;
        if (type.Enumeration.Count > 0) schema["enum"] = new JsonArray(type.Enumeration.Select(e => (JsonNode?)JsonValue.Create(e?.ToString())).ToArray());
        if (property.MaxLength is { } max) schema["maxLength"] = max;
        if (property.Minimum is { } min) schema["minimum"] = min;
        if (property.Maximum is { } top) schema["maximum"] = top;
        if (property.Description is { } description) schema["description"] = description;
        return schema;
    }
}
