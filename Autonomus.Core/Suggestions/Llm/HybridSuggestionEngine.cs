using System.Diagnostics;
using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Telemetry;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Suggestions.Llm;

/// <summary>
/// The engine when a model is configured: the playbook's proposal is the baseline; the model, if this tenant allows
/// it and has budget left, may refine it or propose another action. A model that fails in any way (unknown tool,
/// invalid arguments, another record, an HTTP error, a timeout, no budget) yields no suggestion of its own: the
/// playbook's proposal is used, labelled as a fallback, and the failure is counted and logged with the correlation id.
/// Every conversation is stored, masked, for audit and for the budget.
/// </summary>
public sealed class HybridSuggestionEngine(
    PlaybookEngine playbooks, LlmSuggestionEngine model, AiOptions options, ICrmDbFactory dbFactory, ITenantContext tenant,
    RecordAccess access, ToolCatalogue tools, AutonomyMetrics metrics, TimeProvider clock, ILogger<HybridSuggestionEngine> logger)
    : ISuggestionEngine
{
    public const string FallbackSuffix = "+llm-fallback";
    private (bool Enabled, long Left)? _allowance;
    private DateTimeOffset _allowanceRead;

    public async Task<ProposedAction?> ProposeAsync(TriggerFacts facts, CancellationToken ct)
    {
        var baseline = await playbooks.ProposeAsync(facts, ct);
        // What a person asked for (a restore) is proposed as asked: a model has nothing to add.
        if (Triggers.TriggerTypes.Get(facts.Trigger.Type).RequestedByPerson) return baseline;
        // Read once per batch (a minute at most): a scope may live as long as a browser circuit.
        if (_allowance is null || clock.GetUtcNow() - _allowanceRead > TimeSpan.FromMinutes(1))
            (_allowance, _allowanceRead) = (await AllowanceAsync(facts.Trigger.TenantId, ct), clock.GetUtcNow());
        var (enabled, left) = _allowance.Value;
        if (!enabled) return baseline;
        if (left <= 0) return Fallback(baseline, facts, "the tenant's monthly token budget is spent");

        var started = Stopwatch.GetTimestamp();
        LlmOutcome outcome;
        try
        {
            outcome = await model.ProposeAsync(facts, baseline, (tool, arguments, token) => RunQueryAsync(facts, tool, arguments, token), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Whatever else goes wrong with the model (a content filter, a malformed response) is a failure like the others.
            outcome = new LlmOutcome(null, false, $"The model call failed unexpectedly ({e.GetType().Name}).", 0, 0, [], e.Message);
        }
        var latency = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _allowance = (true, left - outcome.TokensIn - outcome.TokensOut);
        await RecordAsync(facts, outcome, latency, ct);
        metrics.LlmCall(options.Model!, outcome.Succeeded ? "proposed" : outcome.NoAction ? "no_action" : "failed", outcome.TokensIn, outcome.TokensOut, latency);
        if (outcome.Succeeded)
            return baseline is not null && (baseline.Tool != outcome.Action!.Tool || Ledger.CanonicalJson.Normalize(baseline.Payload) != Ledger.CanonicalJson.Normalize(outcome.Action.Payload))
                ? outcome.Action with { Alternative = baseline }
                : outcome.Action;
        return outcome.NoAction ? Fallback(baseline, facts, "the model proposed no action") : Fallback(baseline, facts, outcome.Failure!);
    }

    private ProposedAction? Fallback(ProposedAction? baseline, TriggerFacts facts, string why)
    {
        logger.LogWarning("Model proposal not used for trigger {TriggerId} ({TriggerType}): {Reason}; the playbook's is [{CorrelationId}]",
            facts.Trigger.Id, facts.Trigger.Type, why, facts.Trigger.CorrelationId);
        return baseline is null ? null : baseline with
        {
            Engine = baseline.Engine + FallbackSuffix,
            Reasoning = $"{baseline.Reasoning} (The language model's proposal was not used: {why}.)",
        };
    }

    private async Task<(bool, long)> AllowanceAsync(Guid tenantId, CancellationToken ct)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var settings = await AutonomySettingsReader.ReadAsync(db, tenantId, ct);
        var now = clock.GetUtcNow();
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var spent = await db.LlmCalls.Where(c => c.At >= month).SumAsync(c => (long)c.TokensIn + c.TokensOut, ct);
        return (settings.AiEnabled, settings.AiMonthlyTokenBudget - spent);
    }

    /// <summary>
    /// Read-only tools for the model, each in its own unit of work, never as the system: with a person's rights when a
    /// person asked, otherwise with the visibility of the trigger's record's owning team (a confused deputy reading
    /// as the system could carry one team's records into a suggestion another team reviews). What the model writes
    /// can then only draw on what that team may see, and its action must target the trigger's record (the engine's check).
    /// </summary>
    private async Task<string> RunQueryAsync(TriggerFacts facts, string tool, string arguments, CancellationToken ct)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var reader = access.IsSystem ? await OwningTeamAsync(db, facts, ct) : tenant;
        var answer = await tools.QueryAsync(new ToolContext(db, new RecordAccess(reader), reader, clock), tool, arguments, ct);
        return answer.ToJsonString();
    }

    /// <summary>A read-only reader with a sales manager's reach over the record owner's team and unassigned records (for an unowned record: unassigned records only).</summary>
    private static async Task<ITenantContext> OwningTeamAsync(ICrmDb db, TriggerFacts facts, CancellationToken ct)
    {
        var owner = facts.Record.OwnerId ?? facts.RelatedRecord?.OwnerId;
        var team = owner is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.Team).SingleOrDefaultAsync(ct) ?? "" : "";
        // Guid.Empty, not null: a reader without a user would be the system, which sees everything.
        return new FixedTenantContext(facts.Trigger.TenantId, owner ?? Guid.Empty, [Roles.SalesManager], team, "model (read-only)");
    }

    private async Task RecordAsync(TriggerFacts facts, LlmOutcome outcome, int latency, CancellationToken ct)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        db.LlmCalls.Add(new LlmCall(facts.Trigger.TenantId, facts.Trigger.Id, facts.Trigger.CorrelationId, options.Model!, PromptTemplates.Version,
            outcome.Succeeded ? "proposed" : outcome.NoAction ? "no_action" : "failed", outcome.Failure, outcome.TokensIn, outcome.TokensOut,
            latency, TranscriptMask.Apply(outcome.Transcript), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }
}
