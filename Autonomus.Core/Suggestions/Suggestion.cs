using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Suggestions;

/// <summary>
/// A proposed action waiting for review: which tool, with which payload, on which record (at which version),
/// why, and how sure the engine is. State changes only through the methods below, each of which refuses a
/// suggestion in the wrong state.
/// </summary>
public sealed class Suggestion : ITenantOwned
{
    private Suggestion() { }

    public Suggestion(Guid tenantId, Guid triggerId, string triggerType, string agent, string tool, string payload,
        RecordType recordType, Guid recordId, int recordVersion, string recordLabel, string summary, string reasoning, string facts,
        decimal confidence, SuggestionPriority priority, string engine, Guid correlationId, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        if (confidence is < 0 or > 1) throw new DomainRuleViolation("Confidence is between 0 and 1.");
        TenantId = tenantId;
        TriggerId = triggerId;
        TriggerType = triggerType;
        Agent = agent;
        Tool = tool;
        Payload = payload;
        RecordType = recordType;
        RecordId = recordId;
        RecordVersion = recordVersion;
        RecordLabel = recordLabel;
        Summary = summary;
        Reasoning = reasoning;
        Facts = facts;
        Confidence = confidence;
        Priority = priority;
        Engine = engine;
        CorrelationId = correlationId;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        ExpiresAt = expiresAt;
        Status = SuggestionStatus.Pending;
    }

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid TriggerId { get; private set; }
    public string TriggerType { get; private set; } = "";
    public string Agent { get; private set; } = "";
    /// <summary>The tool to run (the action's name), e.g. <c>schedule_follow_up</c>.</summary>
    public string Tool { get; private set; } = "";
    /// <summary>The tool's payload as proposed (JSON).</summary>
    public string Payload { get; private set; } = "{}";
    /// <summary>The payload as a reviewer edited it, when they did (JSON).</summary>
    public string? EditedPayload { get; private set; }
    public RecordType RecordType { get; private set; }
    public Guid RecordId { get; private set; }
    /// <summary>The record's version when the action was proposed: a newer version means the record changed meanwhile.</summary>
    public int RecordVersion { get; private set; }
    /// <summary>The record's name when the action was proposed.</summary>
    public string RecordLabel { get; private set; } = "";
    /// <summary>The action in a line, e.g. "Call due 2026-11-25 09:00 UTC: Follow up on the proposal".</summary>
    public string Summary { get; private set; } = "";
    public string Reasoning { get; private set; } = "";
    /// <summary>The record's reviewable fields when the action was proposed (JSON object), to show what changed meanwhile.</summary>
    public string RecordSnapshot { get; set; } = "{}";
    /// <summary>
    /// Another engine's different proposal for the same trigger, for the reviewer to compare (JSON: engine, tool,
    /// payload, summary, reasoning), or null.
    /// </summary>
    public string? AlternativeAction { get; set; }
    /// <summary>The facts behind the proposal (JSON object).</summary>
    public string Facts { get; private set; } = "{}";
    public decimal Confidence { get; private set; }
    public SuggestionPriority Priority { get; private set; }
    /// <summary>What produced it, with its version, e.g. <c>playbook:lead_stagnant@1</c>.</summary>
    public string Engine { get; private set; } = "";
    public SuggestionStatus Status { get; private set; }
    public Guid CorrelationId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? DeferredUntil { get; private set; }
    public Guid? ReviewedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewNote { get; private set; }
    public Guid? ApprovedBy { get; private set; }
    public DateTimeOffset? AppliedAt { get; private set; }
    /// <summary>What the apply did (JSON), or why it failed.</summary>
    public string? ApplyResult { get; private set; }
    /// <summary>Set when an approved action could not run because its record changed since the proposal.</summary>
    public string? Conflict { get; private set; }
    /// <summary>When reviewers were alerted that this suggestion breached the review SLA (set by SQL, once).</summary>
    public DateTimeOffset? SlaAlertedAt { get; private set; }

    /// <summary>
    /// <see cref="Confidence"/> (the engine's own, kept as it was) calibrated on this organisation's human outcomes for the
    /// agent × action × engine when it was proposed; null while there is no history yet ("not calibrated yet").
    /// </summary>
    public decimal? CalibratedConfidence { get; set; }
    /// <summary>
    /// Shadow mode: proposed while its action was in suggest, would the policy's rules have applied it on their own
    /// (null when the action was not in suggest). Against the human's decision this gives the shadow precision.
    /// </summary>
    public bool? ShadowAutoApply { get; set; }
    /// <summary>The policy that applied it without a person, e.g. <c>policy:lead_intelligence/schedule_follow_up@v3</c>.</summary>
    public string? AppliedByPolicy { get; private set; }
    public int? PolicyVersion { get; private set; }
    /// <summary>Until when a person may undo what a policy in auto-with-undo applied.</summary>
    public DateTimeOffset? UndoUntil { get; private set; }
    public DateTimeOffset? UndoneAt { get; private set; }
    public Guid? UndoneBy { get; private set; }

    /// <summary>The confidence the queue shows and policies use: calibrated when there is history, else the engine's.</summary>
    public decimal EffectiveConfidence => CalibratedConfidence ?? Confidence;

    /// <summary>The payload that will run: the reviewer's edit if there is one.</summary>
    public string EffectivePayload => EditedPayload ?? Payload;

    public bool IsResolved => Status is SuggestionStatus.Applied or SuggestionStatus.Failed or SuggestionStatus.Rejected
        or SuggestionStatus.Expired or SuggestionStatus.Superseded or SuggestionStatus.Undone;

    /// <summary>Why this suggestion can no longer be approved, or null when it can.</summary>
    public string? WhyNotApprovable(DateTimeOffset now) => Status switch
    {
        SuggestionStatus.Pending when ExpiresAt <= now => "This suggestion has expired.",
        SuggestionStatus.Pending or SuggestionStatus.Approved => null,
        SuggestionStatus.Applied => "This suggestion has already been applied.",
        SuggestionStatus.Failed => "This suggestion was approved but failed to apply.",
        SuggestionStatus.Rejected => "This suggestion was rejected.",
        SuggestionStatus.Expired => "This suggestion has expired.",
        SuggestionStatus.Superseded => "A newer suggestion has replaced this one.",
        SuggestionStatus.Undone => "This action was applied and then undone.",
        _ => "This suggestion cannot be approved.",
    };

    public void Approve(Guid reviewer, string? editedPayload, string? note, DateTimeOffset at)
    {
        if (WhyNotApprovable(at) is { } why) throw new DomainRuleViolation(why);
        Status = SuggestionStatus.Approved;
        ApprovedBy = reviewer;
        ReviewedBy = reviewer;
        ReviewedAt = at;
        if (editedPayload is not null) EditedPayload = editedPayload;
        if (note is not null) ReviewNote = note;
        Conflict = null;
        UpdatedAt = at;
    }

    /// <summary>
    /// A policy approves in a person's place (the apply follows in the same transaction). With an undo window the result
    /// shows in Done by autonomy until then.
    /// </summary>
    public void ApproveByPolicy(string policy, int version, DateTimeOffset? undoUntil, DateTimeOffset at)
    {
        if (Status != SuggestionStatus.Pending) throw new DomainRuleViolation("A policy applies only a pending suggestion.");
        if (WhyNotApprovable(at) is { } why) throw new DomainRuleViolation(why);
        Status = SuggestionStatus.Approved;
        AppliedByPolicy = policy;
        PolicyVersion = version;
        UndoUntil = undoUntil;
        ReviewedAt = at;
        UpdatedAt = at;
    }

    /// <summary>Why what a policy applied can no longer be undone, or null when it can.</summary>
    public string? WhyNotUndoable(DateTimeOffset now) => this switch
    {
        { Status: SuggestionStatus.Undone } => "This action has already been undone; an undo is not undone.",
        { AppliedByPolicy: null } or { UndoUntil: null } => "Only what a policy applied with an undo window can be undone here.",
        { Status: not SuggestionStatus.Applied } => "This action was not applied.",
        { UndoUntil: { } until } when until <= now => "The undo window has closed.",
        _ => null,
    };

    public void MarkUndone(Guid by, string? note, DateTimeOffset at)
    {
        if (WhyNotUndoable(at) is { } why) throw new DomainRuleViolation(why);
        Status = SuggestionStatus.Undone;
        UndoneAt = at;
        UndoneBy = by;
        if (note is not null) ReviewNote = note;
        UpdatedAt = at;
    }

    /// <summary>The reviewer saw what changed and approves against the record as it is now.</summary>
    public void AcceptRecordVersion(int version, DateTimeOffset at)
    {
        RecordVersion = version;
        Conflict = null;
        UpdatedAt = at;
    }

    public void MarkConflict(string conflict, DateTimeOffset at)
    {
        if (Status != SuggestionStatus.Approved) throw new DomainRuleViolation("Only an approved suggestion can be in conflict.");
        Conflict = conflict;
        UpdatedAt = at;
    }

    public void MarkApplied(string result, DateTimeOffset at)
    {
        if (Status != SuggestionStatus.Approved) throw new DomainRuleViolation("Only an approved suggestion can be applied.");
        Status = SuggestionStatus.Applied;
        AppliedAt = at;
        ApplyResult = result;
        UpdatedAt = at;
    }

    public void MarkFailed(string error, DateTimeOffset at)
    {
        if (Status != SuggestionStatus.Approved) throw new DomainRuleViolation("Only an approved suggestion can fail to apply.");
        Status = SuggestionStatus.Failed;
        ApplyResult = error;
        UpdatedAt = at;
    }

    public void Reject(Guid reviewer, string reason, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleViolation("Say why you reject this suggestion.");
        if (Status != SuggestionStatus.Pending) throw new DomainRuleViolation(WhyNotApprovable(at) ?? "Only a pending suggestion can be rejected.");
        Status = SuggestionStatus.Rejected;
        ReviewedBy = reviewer;
        ReviewedAt = at;
        ReviewNote = reason.Trim();
        UpdatedAt = at;
    }

    public void Defer(DateTimeOffset until, DateTimeOffset at)
    {
        if (Status != SuggestionStatus.Pending) throw new DomainRuleViolation("Only a pending suggestion can be deferred.");
        if (until <= at) throw new DomainRuleViolation("Defer to a time in the future.");
        DeferredUntil = until;
        UpdatedAt = at;
    }

    /// <summary>A pending suggestion, or an approved one stuck in a conflict nobody resolved, expires.</summary>
    public void Expire(DateTimeOffset at)
    {
        if (Status != SuggestionStatus.Pending && !(Status == SuggestionStatus.Approved && Conflict is not null))
            throw new DomainRuleViolation("Only a pending suggestion can expire.");
        Status = SuggestionStatus.Expired;
        UpdatedAt = at;
    }

    public void Supersede(DateTimeOffset at)
    {
        if (Status != SuggestionStatus.Pending) throw new DomainRuleViolation("Only a pending suggestion can be superseded.");
        Status = SuggestionStatus.Superseded;
        UpdatedAt = at;
    }
}
