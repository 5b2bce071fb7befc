namespace Autonomus.Core.Suggestions.Llm;

/// <summary>
/// What asking the model came to: a validated proposal, an explicit "no action", or a failure with its reason (the
/// caller then falls back to the playbook). Tokens and the transcript are kept for the budget and the audit.
/// </summary>
public sealed record LlmOutcome(
    ProposedAction? Action,
    bool NoAction,
    string? Failure,
    int TokensIn,
    int TokensOut,
    IReadOnlyList<string> ToolCalls,
    string Transcript)
{
    public bool Succeeded => Action is not null;
}
