using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Agents;

/// <summary>A paused action of an agent.</summary>
public sealed record ActionPause(string Action, string Reason, DateTimeOffset PausedAt);

/// <summary>An agent, whether it runs for the organisation, and which of its actions are paused.</summary>
public sealed record AgentStatus(string Agent, bool Paused, string? Reason, DateTimeOffset? PausedAt, IReadOnlyList<ActionPause> PausedActions);

/// <summary>
/// Pauses and resumes an agent, or one of its actions, for the organisation (Admins). Like the kill switch it takes the
/// settings row's lock, so it waits for detections and proposals under way; everything that starts after it commits sees
/// the new state.
/// </summary>
public sealed class ManageAgents(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, LedgerWriter ledger, TimeProvider clock,
    ILogger<ManageAgents> logger)
{
    public async Task<IReadOnlyList<AgentStatus>> ListAsync(CancellationToken ct = default)
    {
        if (!access.CanSeeDashboards) throw new AccessDenied("Admins, sales managers and Auditors see the agents.");
        await using var db = await dbFactory.OpenAsync(ct);
        var pauses = (await db.AgentPauses.AsNoTracking().ToListAsync(ct)).ToLookup(p => p.Agent);
        return AgentNames.All.Select(a => StatusOf(a, pauses[a])).ToList();
    }

    internal static AgentStatus StatusOf(string agent, IEnumerable<AgentPause> pauses)
    {
        var whole = pauses.FirstOrDefault(p => p.IsWholeAgent);
        var actions = pauses.Where(p => !p.IsWholeAgent).OrderBy(p => p.Action).Select(p => new ActionPause(p.Action, p.Reason, p.PausedAt)).ToList();
        return new AgentStatus(agent, whole is not null, whole?.Reason, whole?.PausedAt, actions);
    }

    /// <summary>Pauses the agent, or only <paramref name="action"/> of it.</summary>
    public Task PauseAsync(string agent, string? reason, string? action = null, CancellationToken ct = default) =>
        ChangeAsync(agent, action, true, reason ?? "", ct);

    public Task ResumeAsync(string agent, string? action = null, CancellationToken ct = default) => ChangeAsync(agent, action, false, null, ct);

    private async Task ChangeAsync(string agent, string? action, bool pause, string? pauseReason, CancellationToken ct)
    {
        access.EnsureAdminInPerson("Only an Admin, in person, pauses or resumes an agent.");
        var tenantId = actor.TenantId ?? throw new AccessDenied("No organisation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var who = await LedgerActor.OfAsync(db, actor, "admin", ct);
        await ChangeAsync(db, tenantId, agent, action, pause, pauseReason, who, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The pause or resume itself, inside the caller's transaction (an Admin's click, or a recommendation an Admin applies).</summary>
    internal async Task ChangeAsync(ICrmDb db, Guid tenantId, string agent, string? action, bool pause, string? pauseReason, LedgerActor who, CancellationToken ct)
    {
        var module = AgentCatalogue.Find(agent) ?? throw new RecordNotFound("Agent", Guid.Empty);
        var target = string.IsNullOrEmpty(action) ? AgentPause.WholeAgent : action;
        if (target != AgentPause.WholeAgent && !module.Actions.Contains(target)) throw new RecordNotFound("Action", Guid.Empty);
        // The settings row's lock: wait for detections and proposals under way (they hold it shared).
        await AutonomySettingsReader.LockForUpdateAsync(db, tenantId, ct);
        var current = await db.AgentPauses.SingleOrDefaultAsync(p => p.Agent == agent && p.Action == target, ct);
        var subject = target == AgentPause.WholeAgent ? "This agent" : "This action";
        if (pause)
        {
            if (current is not null) throw new DomainRuleViolation($"{subject} is already paused.");
            db.AgentPauses.Add(new AgentPause(tenantId, agent, target, pauseReason ?? "", who.Id!.Value, clock.GetUtcNow()));
        }
        else
        {
            if (current is null) throw new DomainRuleViolation($"{subject} is not paused.");
            db.AgentPauses.Remove(current);
        }
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(db, tenantId,
        [
            new LedgerDraft(pause ? LedgerKinds.AgentPaused : LedgerKinds.AgentResumed, who.Type, who.Id, who.Name, "agent", tenantId, Guid.CreateVersion7(),
                CanonicalJson.Serialize(new { agent, action = target == AgentPause.WholeAgent ? null : target, reason = pauseReason?.Trim() })),
        ], ct);
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Agent {Agent} {Action} {State} for tenant {Tenant} by {ActorType} {ActorId}", agent, target == AgentPause.WholeAgent ? "(all)" : target,
            pause ? "paused" : "resumed", tenantId, who.Type, who.Id);
    }

    /// <summary>Whether the organisation paused the whole agent (read inside the caller's transaction).</summary>
    public static Task<bool> IsPausedAsync(ICrmDb db, string agent, CancellationToken ct) =>
        db.AgentPauses.AnyAsync(p => p.Agent == agent && p.Action == AgentPause.WholeAgent, ct);

    /// <summary>The trigger types of the organisation's paused agents (read inside the caller's transaction).</summary>
    public static async Task<string[]> PausedTriggerTypesAsync(ICrmDb db, CancellationToken ct)
    {
        var paused = await db.AgentPauses.Where(p => p.Action == AgentPause.WholeAgent).Select(p => p.Agent).ToListAsync(ct);
        return paused.Count == 0 ? [] : TriggerTypes.All.Where(t => paused.Contains(t.Agent)).Select(t => t.Type).ToArray();
    }

    /// <summary>The organisation's paused actions, as (agent, tool) (read inside the caller's transaction).</summary>
    public static async Task<HashSet<(string Agent, string Action)>> PausedActionsAsync(ICrmDb db, CancellationToken ct) =>
        (await db.AgentPauses.Where(p => p.Action != AgentPause.WholeAgent).Select(p => new { p.Agent, p.Action }).ToListAsync(ct))
        .Select(p => (p.Agent, p.Action)).ToHashSet();
}
