using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Automations;

/// <summary>
/// An automation as code: a trigger, conditions that must all hold, and steps run in order. Stored as JSON (camelCase,
/// enums by name), versioned, exported and imported as files; its JSON schema is published at
/// <c>GET /api/v1/automations/schema</c>.
/// </summary>
public sealed record AutomationDocument
{
    [Required, StringLength(100, MinimumLength = 1), Description("The automation's name, shown in lists and in the actor of what it changes.")]
    public string Name { get; init; } = "";
    [StringLength(1000), Description("What it is for, for the people who read it.")]
    public string? Description { get; init; }
    [Required, Description("What starts a run.")]
    public AutomationTrigger Trigger { get; init; } = new();
    [Description("Expressions (NCalc) over the event and the record that must all be true for the steps to run, e.g. \"[record.amount] > 1000000\".")]
    public IReadOnlyList<string> Conditions { get; init; } = [];
    [Required, MinLength(1), Description("What a run does, in order.")]
    public IReadOnlyList<AutomationStep> Steps { get; init; } = [];
}

public enum TriggerKind { RecordCreated, RecordUpdated, FieldChanged, StageChanged, Schedule, Inactivity, Webhook, SuggestionEvent, AgentSignal }

public sealed record AutomationTrigger
{
    [Required, Description("RecordCreated, RecordUpdated, FieldChanged, StageChanged, Schedule, Inactivity, Webhook, SuggestionEvent or AgentSignal.")]
    public TriggerKind Kind { get; init; }
    [Description("The kind of record it watches (Lead, Contact, Account, Deal, Activity).")]
    public RecordType? RecordType { get; init; }
    [StringLength(64), Description("FieldChanged: the field (its stored name, e.g. status).")]
    public string? Field { get; init; }
    [StringLength(200), Description("FieldChanged, StageChanged: only from this value (optional).")]
    public string? From { get; init; }
    [StringLength(200), Description("FieldChanged, StageChanged: only to this value (optional).")]
    public string? To { get; init; }
    [StringLength(100), Description("Schedule: a cron expression of five fields, e.g. \"0 9 * * 1-5\".")]
    public string? Cron { get; init; }
    [StringLength(64), Description("Schedule: the time zone the cron reads in, e.g. America/Santiago.")]
    public string? TimeZone { get; init; }
    [Range(1, 365), Description("Inactivity: days without activity.")]
    public int? Days { get; init; }
    [Description("Webhook: the inbound endpoint's id.")]
    public Guid? EndpointId { get; init; }
    [StringLength(20), Description("SuggestionEvent: created, approved, rejected or undone.")]
    public string? Event { get; init; }
    [StringLength(40), Description("AgentSignal: the agent whose score is watched (lead_intelligence, deal_strategy).")]
    public string? Agent { get; init; }
    [Range(0, 100), Description("AgentSignal: the score crossed upwards.")]
    public int? Threshold { get; init; }
}

public enum StepKind { Tool, Wait, Branch, CallAgent, Webhook, Notify }

public sealed record AutomationStep
{
    [Required, StringLength(40, MinimumLength = 1), Description("The step's id, unique in the automation (branches name steps by it).")]
    public string Id { get; init; } = "";
    [Required, Description("Tool, Wait, Branch, CallAgent, Webhook or Notify.")]
    public StepKind Kind { get; init; }
    [StringLength(64), Description("Tool: the mutation tool to run (through policies and safe apply).")]
    public string? Tool { get; init; }
    [Description("Tool: its payload; text may hold {{record.field}} and {{event.field}} placeholders.")]
    public JsonObject? Payload { get; init; }
    [Range(1, 43_200), Description("Wait: minutes to wait before the next step.")]
    public int? DelayMinutes { get; init; }
    [StringLength(500), Description("Branch: the expression deciding between then and else.")]
    public string? Condition { get; init; }
    [Description("Branch: the steps to run when the condition holds.")]
    public IReadOnlyList<string>? Then { get; init; }
    [Description("Branch: the steps to run when it does not.")]
    public IReadOnlyList<string>? Else { get; init; }
    [StringLength(40), Description("CallAgent: the agent asked to look at the record now.")]
    public string? Agent { get; init; }
    [StringLength(2000), Description("Webhook: the URL that receives the signed event.")]
    public string? Url { get; init; }
    [StringLength(40), Description("Notify: the role told (Admin, SalesManager).")]
    public string? Role { get; init; }
    [StringLength(500), Description("Notify: the message.")]
    public string? Message { get; init; }
    [Description("A failure of this step does not stop the run.")]
    public bool ContinueOnError { get; init; }
}
