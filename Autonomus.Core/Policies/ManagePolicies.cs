using Autonomus.Core.Agents;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Policies;

/// <summary>An agent's action with its current policy (version 0: the default, never set).</summary>
public sealed record PolicyView(string Agent, string Action, int Version, PolicyRules Rules, DateTimeOffset? ChangedAt, string? Reason);

/// <summary>
/// The organisation's autonomy policies per agent × action. Admins set them (each change a new version and a ledger
/// entry with the diff); Admins and sales managers read them. Where none was set, the action is in suggest.
/// </summary>
public sealed class ManagePolicies(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, LedgerWriter ledger, ToolCatalogue tools, TimeProvider clock)
{
    public async Task<IReadOnlyList<PolicyView>> ListAsync(CancellationToken ct = default)
    {
        EnsureCanRead();
        await using var db = await dbFactory.OpenAsync(ct);
        var current = (await CurrentAsync(db, ct)).ToDictionary(p => (p.Agent, p.Action));
        // Each agent's own actions (those it may propose), in name order.
        return AgentCatalogue.Modules.SelectMany(m => m.Actions.Order(StringComparer.Ordinal).Select(action =>
            current.TryGetValue((m.Name, action), out var p)
                ? new PolicyView(m.Name, action, p.Version, p.Rules, p.ChangedAt, p.Reason)
                : new PolicyView(m.Name, action, 0, PolicyRules.Default, null, null))).ToList();
    }

    public async Task<IReadOnlyList<PolicyView>> VersionsAsync(string agent, string action, CancellationToken ct = default)
    {
        EnsureCanRead();
        EnsureKnown(agent, action);
        await using var db = await dbFactory.OpenAsync(ct);
        return (await db.AutonomyPolicies.AsNoTracking().Where(p => p.Agent == agent && p.Action == action).OrderByDescending(p => p.Version).ToListAsync(ct))
            .Select(p => new PolicyView(p.Agent, p.Action, p.Version, p.Rules, p.ChangedAt, p.Reason)).ToList();
    }

    public async Task<PolicyView> SetAsync(string agent, string action, PolicyRules rules, string? reason, CancellationToken ct = default)
    {
        access.EnsureAdminInPerson("Only an Admin, in person, changes autonomy policies.");
        EnsureKnown(agent, action);
        var tool = tools.GetMutation(action);
        var risk = tool.Risk;
        Validate(rules, risk, tool.Undoable, reason);
        var tenantId = actor.TenantId ?? throw new AccessDenied("No organisation.");

        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var who = await LedgerActor.OfAsync(db, actor, "admin", ct);
        var version = await AppendVersionAsync(db, ledger, tenantId, agent, action, risk, _ => rules, null, who, reason!.Trim(), LedgerKinds.PolicyChanged, null, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return new PolicyView(agent, action, version.Version, version.Rules, version.ChangedAt, version.Reason);
    }

    /// <summary>
    /// Writes the next version of a policy and its ledger entry (with the rules before and after) inside the caller's
    /// transaction; an Admin's change, a promotion an Admin confirmed and an automatic demotion all come through here.
    /// </summary>
    /// <param name="rulesFrom">The new rules from the current ones, as read under the lock (a promotion or a demotion changes
    /// only the mode and keeps what an Admin set meanwhile).</param>
    /// <param name="expectedVersion">When given, the version the change was decided on: a policy that moved on since is refused.</param>
    internal static async Task<AutonomyPolicy> AppendVersionAsync(ICrmDb db, LedgerWriter ledger, Guid tenantId, string agent, string action,
        ToolRisk risk, Func<PolicyRules, PolicyRules> rulesFrom, int? expectedVersion, LedgerActor who, string reason, string ledgerKind, object? evidence,
        DateTimeOffset now, CancellationToken ct)
    {
        // One writer per agent × action at a time: the version numbers stay gapless and the diff is against the real previous one.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({tenantId.ToString()} || {agent} || {action}))", ct);
        var previous = await CurrentVersionAsync(db, agent, action, ct);
        if (expectedVersion is { } expected && (previous?.Version ?? 0) != expected)
            throw new DomainRuleViolation("The policy changed meanwhile; look at it again.");
        var rules = rulesFrom(previous?.Rules ?? PolicyRules.Default);
        var version = new AutonomyPolicy(tenantId, agent, action, risk, (previous?.Version ?? 0) + 1, rules, who.Id, now, reason);
        db.AutonomyPolicies.Add(version);
        await db.SaveChangesAsync(ct);
        // The counters its caps are checked against (see PolicyUsage): one row per agent × action, from the first version on.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO autonomy_policy_usage (tenant_id, agent, action, hour_start, hour_count, day, day_count)
            VALUES ({tenantId}, {agent}, {action}, 'epoch', 0, 'epoch', 0) ON CONFLICT DO NOTHING
            """, ct);
        await ledger.AppendAsync(db, tenantId,
        [
            new LedgerDraft(ledgerKind, who.Type, who.Id, who.Name, "policy", tenantId, Guid.CreateVersion7(),
                CanonicalJson.Serialize(new { agent, action, version = version.Version, reason, before = previous?.Rules ?? PolicyRules.Default, after = rules, evidence })),
        ], ct);
        await db.SaveChangesAsync(ct);
        return version;
    }

    public static Task<AutonomyPolicy?> CurrentVersionAsync(ICrmDb db, string agent, string action, CancellationToken ct) =>
        db.AutonomyPolicies.AsNoTracking().Where(p => p.Agent == agent && p.Action == action).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);

    /// <summary>The current version of every policy that has one (the rest are in suggest by default).</summary>
    public static async Task<List<AutonomyPolicy>> CurrentAsync(ICrmDb db, CancellationToken ct) =>
        await db.AutonomyPolicies.AsNoTracking()
            .Where(p => p.Version == db.AutonomyPolicies.Where(q => q.Agent == p.Agent && q.Action == p.Action).Max(q => q.Version))
            .ToListAsync(ct);

    private void EnsureCanRead()
    {
        if (!access.IsAdmin && !actor.Roles.Contains(Roles.SalesManager)) throw new AccessDenied("Admins and sales managers read the autonomy policies.");
    }

    private void EnsureKnown(string agent, string action) => EnsureKnown(tools, agent, action);

    /// <summary>A policy exists for every agent × mutation tool; anything else is not found.</summary>
    internal static void EnsureKnown(ToolCatalogue tools, string agent, string action)
    {
        if (AgentCatalogue.Find(agent) is not { } module || !module.Actions.Contains(action)) throw new RecordNotFound("Policy", Guid.Empty);
    }

    private static void Validate(PolicyRules rules, ToolRisk risk, bool undoable, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(rules.Mode)) errors["mode"] = ["off, suggest, autoWithUndo or auto"];
        else if (rules.Mode is PolicyMode.AutoWithUndo or PolicyMode.Auto && risk == ToolRisk.NeverAuto)
            errors["mode"] = ["This action is never applied on its own (its risk class is NeverAuto): a person decides each one."];
        else if (rules.Mode == PolicyMode.AutoWithUndo && !undoable)
            errors["mode"] = ["What this action does cannot be put back exactly, so it has no undo: choose auto or suggest."];
        if (rules.RiskCeiling is { } ceiling && (!Enum.IsDefined(ceiling) || ceiling == ToolRisk.NeverAuto))
            errors["riskCeiling"] = ["Low, Medium or High."];
        if (rules.ConfidenceFloor is < 0 or > 1) errors["confidenceFloor"] = ["A confidence floor is between 0 and 1."];
        foreach (var (field, cap) in new[] { ("maxPerHour", rules.MaxPerHour), ("maxPerDay", rules.MaxPerDay), ("maxPerRecordPerDay", rules.MaxPerRecordPerDay) })
            if (cap is <= 0) errors[field] = ["A cap is at least 1 (leave it empty for none)."];
        if ((rules.QuietFrom is null) != (rules.QuietTo is null)) errors["quietTo"] = ["Quiet hours need a start and an end."];
        else if (rules.QuietFrom is { } from && from == rules.QuietTo) errors["quietTo"] = ["Quiet hours end at another time than they start."];
        if (rules.NotifyRoles is { } roles && roles.Any(r => !PolicyRules.NotifiableRoles.Contains(r)))
            errors["notifyRoles"] = [$"Only {string.Join(" and ", PolicyRules.NotifiableRoles)} can be notified (they can undo)."];
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = ["Say why the policy changes: it goes on the ledger."];
        else if (reason.Length > 500) errors["reason"] = ["At most 500 characters."];
        if (errors.Count > 0) throw new InputInvalid(errors);
    }
}
