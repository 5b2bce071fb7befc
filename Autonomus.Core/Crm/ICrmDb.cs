using Autonomus.Core.Agents;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm;

/// <summary>
/// The CRM's unit of work. Every tenant-owned set is already filtered to the current tenant, and
/// saving stamps tenant, timestamps and version. One instance per operation: Blazor circuits live
/// long, and a DbContext must not.
/// </summary>
public interface ICrmDb : IAsyncDisposable
{
    DbSet<Tenant> Tenants { get; }
    DbSet<AppUser> Users { get; }
    DbSet<Account> Accounts { get; }
    DbSet<Contact> Contacts { get; }
    DbSet<Lead> Leads { get; }
    DbSet<Deal> Deals { get; }
    DbSet<DealStageChange> DealStageChanges { get; }
    DbSet<Activity> Activities { get; }
    DbSet<ApiKeys.ApiKey> ApiKeys { get; }
    DbSet<Triggers.Trigger> Triggers { get; }
    DbSet<Suggestions.Suggestion> Suggestions { get; }
    DbSet<Ledger.LedgerEntry> LedgerEntries { get; }
    DbSet<Ledger.LedgerCheckpoint> LedgerCheckpoints { get; }
    DbSet<Policies.AutonomySettings> AutonomySettings { get; }
    DbSet<Policies.AutonomyPolicy> AutonomyPolicies { get; }
    DbSet<Autonomy.CalibrationBin> CalibrationBins { get; }
    DbSet<Autonomy.AutonomyOffer> AutonomyOffers { get; }
    DbSet<Autonomy.PolicyUsage> PolicyUsage { get; }
    DbSet<Agents.AgentPause> AgentPauses { get; }
    DbSet<Agents.AgentSettingsVersion> AgentSettingsVersions { get; }
    DbSet<Automations.Automation> Automations { get; }
    DbSet<Automations.AutomationVersion> AutomationVersions { get; }
    DbSet<Agents.AutomationOptimizer.Recommendation> Recommendations { get; }
    DbSet<Agents.Prediction.PredictionModel> PredictionModels { get; }
    DbSet<Agents.Communication.Email.OutboundEmail> OutboundEmails { get; }
    DbSet<Agents.CustomerRisk.Health.AccountHealth> AccountHealth { get; }
    DbSet<Suggestions.Llm.LlmCall> LlmCalls { get; }
    DbSet<Sessions.RefreshToken> RefreshTokens { get; }

    /// <summary>Transactions and hand-written SQL, for the few operations that need them (apply, ledger, detectors).</summary>
    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }

    /// <summary>Saves; throws <see cref="Common.StaleRecord"/> when a record changed since it was loaded.</summary>
    Task<int> SaveChangesAsync(CancellationToken ct = default);

    /// <summary>Makes the next save refuse the record unless it is still at <paramref name="version"/>.</summary>
    void ExpectVersion(CrmRecord record, int version);
}

public interface ICrmDbFactory
{
    Task<ICrmDb> OpenAsync(CancellationToken ct = default);

    /// <summary>
    /// A unit of work for one named tenant, as its own machinery (no user): for the few steps that learn the tenant
    /// from a credential before anyone is signed in (a refresh token, an API key, sign-in).
    /// </summary>
    Task<ICrmDb> OpenAsTenantAsync(Guid tenantId, CancellationToken ct = default);
}
