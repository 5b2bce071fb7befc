using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Autonomy;

/// <summary>An agent and whether it runs for the organisation.</summary>
public sealed record AgentStatus(string Agent, bool Paused, string? Reason, DateTimeOffset? PausedAt);

/// <summary>
/// Pauses and resumes an agent for the organisation (Admins). Like the kill switch it takes the settings row's lock, so it
/// waits for detections and proposals under way; everything that starts after it commits sees the new state.
/// </summary>
public sealed class ManageAgents(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, LedgerWriter ledger, TimeProvider clock,
    ILogger<ManageAgents> logger)
{
    public async Task<IReadOnlyList<AgentStatus>> ListAsync(CancellationToken ct = default)
    {
        if (!access.CanSeeDashboards) throw new AccessDenied("Admins, sales managers and Auditors see the agents.");
        await using var db = await dbFactory.OpenAsync(ct);
        var paused = await db.AgentPauses.AsNoTracking().ToDictionaryAsync(p => p.Agent, ct);
        return Agents.All.Select(a => paused.TryGetValue(a, out var p) ? new AgentStatus(a, true, p.Reason, p.PausedAt) : new AgentStatus(a, false, null, null)).ToList();
    }

    public Task PauseAsync(string agent, string? reason, CancellationToken ct = default) => ChangeAsync(agent, true, reason ?? "", ct);

    public Task ResumeAsync(string agent, CancellationToken ct = default) => ChangeAsync(agent, false, null, ct);

    private async Task ChangeAsync(string agent, bool pause, string? pauseReason, CancellationToken ct)
    {
        if (!access.IsAdmin || actor.UserId is null) throw new AccessDenied("Only an Admin, in person, pauses or resumes an agent.");
        if (!Agents.All.Contains(agent)) throw new RecordNotFound("Agent", Guid.Empty);
        var tenantId = actor.TenantId ?? throw new AccessDenied("No organisation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The settings row's lock: wait for detections and proposals under way (they hold it shared).
        await AutonomySettingsReader.LockForUpdateAsync(db, tenantId, ct);
        var current = await db.AgentPauses.SingleOrDefaultAsync(p => p.Agent == agent, ct);
        var now = clock.GetUtcNow();
        var who = await LedgerActor.OfAsync(db, actor, "admin", ct);
        if (pause)
        {
            if (current is not null) throw new DomainRuleViolation("This agent is already paused.");
            db.AgentPauses.Add(new AgentPause(tenantId, agent, pauseReason!, who.Id!.Value, now));
        }
        else
        {
            if (current is null) throw new DomainRuleViolation("This agent is not paused.");
            db.AgentPauses.Remove(current);
        }
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(db, tenantId,
        [
            new LedgerDraft(pause ? LedgerKinds.AgentPaused : LedgerKinds.AgentResumed, who.Type, who.Id, who.Name, "agent", tenantId, Guid.CreateVersion7(),
                CanonicalJson.Serialize(new { agent, reason = pauseReason?.Trim() })),
        ], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogWarning("Agent {Agent} {State} for tenant {Tenant} by {UserId}", agent, pause ? "paused" : "resumed", tenantId, actor.UserId);
    }

    /// <summary>The trigger types of the organisation's paused agents (read inside the caller's transaction).</summary>
    public static async Task<string[]> PausedTriggerTypesAsync(ICrmDb db, CancellationToken ct)
    {
        var paused = await db.AgentPauses.Select(p => p.Agent).ToListAsync(ct);
        return paused.Count == 0 ? [] : TriggerTypes.All.Where(t => paused.Contains(t.Agent)).Select(t => t.Type).ToArray();
    }
}
