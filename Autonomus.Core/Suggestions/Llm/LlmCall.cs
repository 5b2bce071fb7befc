using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Suggestions.Llm;

/// <summary>
/// One conversation with the model about one trigger, kept for audit and for the tenant's monthly token budget:
/// what was asked and answered (personal data masked), the tokens, the time, and how it ended.
/// </summary>
public sealed class LlmCall : ITenantOwned
{
    private LlmCall() { }

    public LlmCall(Guid tenantId, Guid triggerId, Guid correlationId, string model, string promptVersion, string outcome, string? failure,
        int tokensIn, int tokensOut, int latencyMs, string transcript, DateTimeOffset at)
    {
        TenantId = tenantId;
        TriggerId = triggerId;
        CorrelationId = correlationId;
        Model = model;
        PromptVersion = promptVersion;
        Outcome = outcome;
        Failure = failure;
        TokensIn = tokensIn;
        TokensOut = tokensOut;
        LatencyMs = latencyMs;
        Transcript = transcript;
        At = at;
    }

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid TriggerId { get; private set; }
    public Guid CorrelationId { get; private set; }
    public string Model { get; private set; } = "";
    public string PromptVersion { get; private set; } = "";
    /// <summary>"proposed", "no_action" or "failed".</summary>
    public string Outcome { get; private set; } = "";
    public string? Failure { get; private set; }
    public int TokensIn { get; private set; }
    public int TokensOut { get; private set; }
    public int LatencyMs { get; private set; }
    /// <summary>The prompt, the model's turns and the tool answers, with emails and phone numbers masked.</summary>
    public string Transcript { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
