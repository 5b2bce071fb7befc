namespace Autonomus.Core.Apply;

public enum ApplyStatus
{
    /// <summary>The action ran and was recorded.</summary>
    Applied,
    /// <summary>It had already run (a double click, a second manager, a retry): nothing ran again.</summary>
    AlreadyApplied,
    /// <summary>The record changed since the proposal: approved, nothing written; review what changed and approve again.</summary>
    Conflict,
    /// <summary>The action failed while running; nothing of it was written, the suggestion is marked failed.</summary>
    Failed,
    /// <summary>A decision that changes no CRM data (reject, defer) was recorded.</summary>
    Recorded,
    /// <summary>Refused before running (state, payload, authorization, kill switch); the suggestion is unchanged.</summary>
    Refused,
}

/// <summary>What approving a suggestion came to, in words for the reviewer.</summary>
public sealed record ApplyOutcome(Guid SuggestionId, ApplyStatus Status, string Message, string? Result = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Status is ApplyStatus.Applied or ApplyStatus.AlreadyApplied or ApplyStatus.Recorded;
}

/// <summary>A reviewer's decision to approve, with an edited payload and a note when they gave them.</summary>
/// <param name="BatchId">The batch the apply belongs to (a bulk approval, a policy's run): its change events carry it, and it can be undone as one.</param>
public sealed record ApprovalRequest(Guid SuggestionId, string? EditedPayload = null, string? Note = null, bool AcceptCurrentRecord = false, Guid? BatchId = null);
