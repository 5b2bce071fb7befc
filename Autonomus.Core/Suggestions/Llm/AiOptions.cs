namespace Autonomus.Core.Suggestions.Llm;

/// <summary>
/// <c>Autonomus:Ai</c>: an OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, Ollama, vLLM…).
/// Without an endpoint and a model, suggestions come from the playbooks only. The key comes from the environment
/// (<c>Autonomus__Ai__ApiKey</c>), never from a file in the repository.
/// </summary>
public sealed class AiOptions
{
    public const string Section = "Autonomus:Ai";

    /// <summary>
    /// <c>OpenAI</c> (default): any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp). <c>AzureOpenAI</c>:
    /// Azure's own connector, with <see cref="Model"/> as the deployment name and the key sent as <c>api-key</c>.
    /// </summary>
    public AiProvider Provider { get; set; } = AiProvider.OpenAI;

    /// <summary>The API's base address, e.g. https://api.openai.com/v1/, http://localhost:11434/v1/ or https://{resource}.openai.azure.com/.</summary>
    public Uri? Endpoint { get; set; }
    public string? Model { get; set; }
    public string? ApiKey { get; set; }
    public int TimeoutSeconds { get; set; } = 30;
    public int MaxOutputTokens { get; set; } = 800;
    /// <summary>How many rounds of read-only tool calls the model may make before it must propose.</summary>
    public int MaxToolRounds { get; set; } = 4;

    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);
}

public enum AiProvider
{
    OpenAI,
    AzureOpenAI,
}
