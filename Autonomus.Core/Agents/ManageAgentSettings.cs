using System.Globalization;
using System.Text.Json;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Localization;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Agents;

/// <summary>One setting of an agent: its value now, its default and the range it must stay in.</summary>
public sealed record AgentSettingValue(string Key, string Unit, int Value, int Default, int Min, int Max);

/// <summary>A version of an agent's settings: every value after the change, who made it and why.</summary>
public sealed record AgentSettingsChange(int Version, IReadOnlyDictionary<string, int> Values, string Reason, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>An agent's settings now (version 0: the defaults) and every earlier version, newest first.</summary>
public sealed record AgentSettingsView(string Agent, int Version, IReadOnlyList<AgentSettingValue> Values, IReadOnlyList<AgentSettingsChange> History);

/// <summary>
/// Reads and changes an agent's settings (thresholds). Admins, in person, change them: each value within its range, a
/// reason, optionally against the version they saw (a stale one is refused). The new values go onto the settings row
/// under its update lock (so detections under way finish on the old ones and the next run sees the new), a version row
/// keeps them, and the ledger records before and after, all in one transaction.
/// </summary>
public sealed class ManageAgentSettings(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, LedgerWriter ledger, TimeProvider clock,
    ILogger<ManageAgentSettings> logger)
{
    public async Task<AgentSettingsView> GetAsync(string agent, CancellationToken ct = default)
    {
        if (!access.CanSeeDashboards) throw new AccessDenied("Admins, sales managers and Auditors see the agents' settings.");
        var module = AgentCatalogue.Find(agent) ?? throw new RecordNotFound("Agent", Guid.Empty);
        var tenantId = actor.TenantId ?? throw new AccessDenied("No organisation.");
        await using var db = await dbFactory.OpenAsync(ct);
        var settings = await AutonomySettingsReader.ReadAsync(db, tenantId, ct);
        var versions = await db.AgentSettingsVersions.AsNoTracking().Where(v => v.Agent == agent).OrderByDescending(v => v.Version).ToListAsync(ct);
        return View(module, settings, versions);
    }

    /// <summary>Changes some of the agent's settings; returns the new view. <paramref name="expectedVersion"/>: the version the change was made against.</summary>
    public async Task<AgentSettingsView> UpdateAsync(string agent, IReadOnlyDictionary<string, int>? values, string? reason, int? expectedVersion = null,
        CancellationToken ct = default)
    {
        access.EnsureAdminInPerson("Only an Admin, in person, changes an agent's settings.");
        var module = AgentCatalogue.Find(agent) ?? throw new RecordNotFound("Agent", Guid.Empty);
        var tenantId = actor.TenantId ?? throw new AccessDenied("No organisation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var who = await LedgerActor.OfAsync(db, actor, "admin", ct);
        var settings = await ChangeAsync(db, tenantId, module, values!, reason!, expectedVersion, who, ct);
        await tx.CommitAsync(ct);
        var versions = await db.AgentSettingsVersions.AsNoTracking().Where(v => v.Agent == agent).OrderByDescending(v => v.Version).ToListAsync(ct);
        return View(module, settings, versions);
    }

    /// <summary>
    /// The change itself, inside the caller's transaction (an Admin's edit, or an Automation Optimizer recommendation an
    /// Admin applies): the settings row locked, the values written, a new version and its ledger entry saved.
    /// </summary>
    internal async Task<AutonomySettings> ChangeAsync(ICrmDb db, Guid tenantId, AgentModule module, IReadOnlyDictionary<string, int> values, string reason,
        int? expectedVersion, LedgerActor who, CancellationToken ct)
    {
        Validate(module, values, reason);
        var agent = module.Name;
        var settings = await AutonomySettingsReader.LockForUpdateAsync(db, tenantId, ct);
        var version = await db.AgentSettingsVersions.Where(v => v.Agent == agent).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        if (expectedVersion is { } seen && seen != version) throw new StaleRecord("Agent settings", Guid.Empty);

        var before = Values(module, settings);
        foreach (var (key, value) in values) module.Setting(key)!.Write(settings, value);
        var after = Values(module, settings);
        var changed = after.Where(a => before[a.Key] != a.Value).ToDictionary(a => a.Key, a => a.Value);
        if (changed.Count == 0) throw new DomainRuleViolation("These are already the agent's settings: nothing changed.");

        db.AgentSettingsVersions.Add(new AgentSettingsVersion(tenantId, agent, version + 1, JsonSerializer.Serialize(after), reason.Trim(), who.Id!.Value,
            who.Name, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(db, tenantId,
        [
            new LedgerDraft(LedgerKinds.AgentSettingsChanged, who.Type, who.Id, who.Name, "agent", tenantId, Guid.CreateVersion7(),
                CanonicalJson.Serialize(new
                {
                    agent, version = version + 1, reason = reason.Trim(),
                    before = changed.Keys.ToDictionary(k => k, k => before[k]), after = changed,
                })),
        ], ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Agent {Agent} settings v{Version} for tenant {Tenant} by {ActorType} {ActorId}: {Changed}", agent, version + 1, tenantId, who.Type, who.Id,
            string.Join(", ", changed.Select(c => $"{c.Key}={c.Value}")));
        return settings;
    }

    /// <summary>Every unknown key and out-of-range value, and a missing reason, as field errors; nothing is written.</summary>
    private static void Validate(AgentModule module, IReadOnlyDictionary<string, int>? values, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (values is null || values.Count == 0) errors["values"] = [ValidationText.SettingsRequired];
        foreach (var (key, value) in values ?? new Dictionary<string, int>())
        {
            if (module.Setting(key) is not { } setting) errors[key] = [ValidationText.SettingUnknown];
            else if (!setting.Allows(value)) errors[key] = [string.Format(CultureInfo.CurrentCulture, ValidationText.SettingRange, setting.Min, setting.Max)];
        }
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = [ValidationText.SettingsReasonRequired];
        if (errors.Count > 0) throw new InputInvalid(errors);
    }

    private static Dictionary<string, int> Values(AgentModule module, AutonomySettings settings) =>
        module.Settings.ToDictionary(s => s.Key, s => s.Read(settings));

    private static AgentSettingsView View(AgentModule module, AutonomySettings settings, IReadOnlyList<AgentSettingsVersion> versions) =>
        new(module.Name, versions.Count == 0 ? 0 : versions[0].Version,
            module.Settings.Select(s => new AgentSettingValue(s.Key, s.Unit, s.Read(settings), s.Default, s.Min, s.Max)).ToList(),
            versions.Select(v => new AgentSettingsChange(v.Version, JsonSerializer.Deserialize<Dictionary<string, int>>(v.Values)!, v.Reason, v.ChangedByName,
                v.ChangedAt)).ToList());
}
