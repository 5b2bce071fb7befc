using System.Reflection;

namespace Autonomus.Core.Suggestions.Llm;

/// <summary>The prompt files (embedded from <c>Suggestions/Llm/Prompts</c>), by name and version.</summary>
public static class PromptTemplates
{
    public const string Version = "v1";

    public static string System { get; } = Load($"system.{Version}.md");
    public static string Task { get; } = Load($"task.{Version}.md");

    /// <summary>The agent's guidance for one trigger type (a file per type), or nothing when there is none.</summary>
    public static string GuidanceFor(string triggerType) => TryLoad($"guidance.{triggerType}.{Version}.md") ?? "";

    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(template, (text, v) => text.Replace("{{" + v.Key + "}}", v.Value, StringComparison.Ordinal));

    private static string Load(string name) => TryLoad(name) ?? throw new InvalidOperationException($"The prompt template {name} is missing.");

    private static string? TryLoad(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Prompts.{name}");
        return stream is null ? null : new StreamReader(stream).ReadToEnd().Trim();
    }
}
