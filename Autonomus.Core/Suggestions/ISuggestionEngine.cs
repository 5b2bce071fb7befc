using System.Text.Json.Nodes;
using Autonomus.Core.Crm;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Suggestions;

/// <summary>What an engine knows when it proposes: the trigger, its facts and the record as it is now.</summary>
public sealed record TriggerFacts(
    Trigger Trigger,
    CrmRecord Record,
    string RecordLabel,
    string? OwnerName,
    LastTouch? LastTouch,
    JsonObject Context,
    /// <summary>For a trigger on an activity: the lead, deal, contact or account it hangs on.</summary>
    CrmRecord? RelatedRecord,
    DateTimeOffset Now,
    /// <summary>The organisation's language ("en", "es-CL"): playbooks write their texts in it.</summary>
    string Culture = Localization.UiCultures.English);

/// <summary>The latest completed activity on a record.</summary>
public sealed record LastTouch(ActivityType Type, string Subject, DateTimeOffset At, string? ByName);

/// <summary>One concrete action an engine proposes, with why and how sure it is.</summary>
public sealed record ProposedAction(string Tool, string Payload, string Summary, string Reasoning, decimal Confidence,
    SuggestionPriority Priority, string Engine)
{
    /// <summary>Another engine's different proposal for the same trigger (the playbook's, when the model chose otherwise).</summary>
    public ProposedAction? Alternative { get; init; }
}

/// <summary>
/// Turns a trigger into a proposal. Playbooks are the deterministic default; an LLM engine implements the same
/// port. Engines only propose: what they return is validated and applied elsewhere, or not at all.
/// </summary>
public interface ISuggestionEngine
{
    Task<ProposedAction?> ProposeAsync(TriggerFacts facts, CancellationToken ct);
}
