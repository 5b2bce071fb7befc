using Autonomus.Core.Agents;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Data.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Data;

public sealed class AutonomusDbContext(DbContextOptions<AutonomusDbContext> options, ITenantContext tenant, TimeProvider clock)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), ICrmDb
{
    // Read by the query filters: EF evaluates it per query on this context instance, so each
    // context sees only its own tenant. Null (no tenant) matches no row.
    private Guid? CurrentTenantId => tenant.TenantId;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealStageChange> DealStageChanges => Set<DealStageChange>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Core.ApiKeys.ApiKey> ApiKeys => Set<Core.ApiKeys.ApiKey>();
    public DbSet<Core.Triggers.Trigger> Triggers => Set<Core.Triggers.Trigger>();
    public DbSet<Core.Suggestions.Suggestion> Suggestions => Set<Core.Suggestions.Suggestion>();
    public DbSet<Core.Ledger.LedgerEntry> LedgerEntries => Set<Core.Ledger.LedgerEntry>();
    public DbSet<Core.Ledger.LedgerCheckpoint> LedgerCheckpoints => Set<Core.Ledger.LedgerCheckpoint>();
    public DbSet<Core.Policies.AutonomySettings> AutonomySettings => Set<Core.Policies.AutonomySettings>();
    public DbSet<Core.Policies.AutonomyPolicy> AutonomyPolicies => Set<Core.Policies.AutonomyPolicy>();
    public DbSet<Core.Autonomy.CalibrationBin> CalibrationBins => Set<Core.Autonomy.CalibrationBin>();
    public DbSet<Core.Autonomy.AutonomyOffer> AutonomyOffers => Set<Core.Autonomy.AutonomyOffer>();
    public DbSet<Core.Autonomy.PolicyUsage> PolicyUsage => Set<Core.Autonomy.PolicyUsage>();
    public DbSet<Core.Agents.AgentPause> AgentPauses => Set<Core.Agents.AgentPause>();
    public DbSet<Core.Agents.AgentSettingsVersion> AgentSettingsVersions => Set<Core.Agents.AgentSettingsVersion>();
    public DbSet<Core.Automations.Automation> Automations => Set<Core.Automations.Automation>();
    public DbSet<Core.Automations.AutomationVersion> AutomationVersions => Set<Core.Automations.AutomationVersion>();
    public DbSet<Core.Agents.AutomationOptimizer.Recommendation> Recommendations => Set<Core.Agents.AutomationOptimizer.Recommendation>();
    public DbSet<Core.Agents.Prediction.PredictionModel> PredictionModels => Set<Core.Agents.Prediction.PredictionModel>();
    public DbSet<Core.Agents.Compliance.Access.DataAccessDay> DataAccessDays => Set<Core.Agents.Compliance.Access.DataAccessDay>();
    public DbSet<Core.Agents.Compliance.Access.SignInCountry> SignInCountries => Set<Core.Agents.Compliance.Access.SignInCountry>();
    public DbSet<Core.Agents.Communication.Email.OutboundEmail> OutboundEmails => Set<Core.Agents.Communication.Email.OutboundEmail>();
    public DbSet<Core.Agents.CustomerRisk.Health.AccountHealth> AccountHealth => Set<Core.Agents.CustomerRisk.Health.AccountHealth>();
    public DbSet<Core.Suggestions.Llm.LlmCall> LlmCalls => Set<Core.Suggestions.Llm.LlmCall>();
    public DbSet<Core.Sessions.RefreshToken> RefreshTokens => Set<Core.Sessions.RefreshToken>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(new AuditStampInterceptor(tenant, clock), new TenantConnectionInterceptor(tenant));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: hand-written SQL and psql then read 'Contacted', not 1.
        configurationBuilder.Properties<LeadStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<LeadSource>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DealStage>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ActivityType>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RecordType>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Core.ApiKeys.ApiKeyScope>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Core.Suggestions.SuggestionStatus>().HaveConversion<string>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        IdentityTableNames.Apply(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AutonomusDbContext).Assembly);

        FilterLiveRecords<Account>(builder);
        FilterLiveRecords<Contact>(builder);
        FilterLiveRecords<Lead>(builder);
        FilterLiveRecords<Deal>(builder);
        FilterByTenant<DealStageChange>(builder);
        FilterLiveRecords<Activity>(builder);
        FilterByTenant<Core.ApiKeys.ApiKey>(builder);
        FilterByTenant<Core.Triggers.Trigger>(builder);
        FilterByTenant<Core.Suggestions.Suggestion>(builder);
        FilterByTenant<Core.Policies.AutonomySettings>(builder);
        FilterByTenant<Core.Policies.AutonomyPolicy>(builder);
        FilterByTenant<Core.Autonomy.CalibrationBin>(builder);
        FilterByTenant<Core.Autonomy.AutonomyOffer>(builder);
        FilterByTenant<Core.Autonomy.PolicyUsage>(builder);
        FilterByTenant<Core.Agents.AgentPause>(builder);
        FilterByTenant<Core.Agents.AgentSettingsVersion>(builder);
        FilterByTenant<Core.Automations.Automation>(builder);
        FilterByTenant<Core.Automations.AutomationVersion>(builder);
        FilterByTenant<Core.Agents.AutomationOptimizer.Recommendation>(builder);
        FilterByTenant<Core.Agents.Prediction.PredictionModel>(builder);
        FilterByTenant<Core.Agents.Compliance.Access.DataAccessDay>(builder);
        FilterByTenant<Core.Agents.Compliance.Access.SignInCountry>(builder);
        FilterByTenant<Core.Agents.Communication.Email.OutboundEmail>(builder);
        FilterByTenant<Core.Agents.CustomerRisk.Health.AccountHealth>(builder);
        FilterByTenant<Core.Suggestions.Llm.LlmCall>(builder);
        FilterByTenant<Core.Sessions.RefreshToken>(builder);
        FilterByTenant<Core.Ledger.LedgerCheckpoint>(builder);
        builder.Entity<Core.Ledger.LedgerEntry>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
    }

    private void FilterByTenant<T>(ModelBuilder builder) where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(e => e.TenantId == CurrentTenantId);

    /// <summary>
    /// A CRM table: the tenant's records that are not archived (an archived record is kept, out of sight). The two filters
    /// are named so that the archive's own pages can lift the second alone (<see cref="Core.Crm.ArchivedRecords"/>).
    /// </summary>
    private void FilterLiveRecords<T>(ModelBuilder builder) where T : CrmRecord =>
        builder.Entity<T>()
            .HasQueryFilter(Core.Crm.ArchivedRecords.TenantFilter, e => e.TenantId == CurrentTenantId)
            .HasQueryFilter(Core.Crm.ArchivedRecords.LiveFilter, e => e.ArchivedAt == null);

    public void ExpectVersion(CrmRecord record, int version) =>
        Entry(record).Property(r => r.Version).OriginalValue = version;

    async Task<int> ICrmDb.SaveChangesAsync(CancellationToken ct)
    {
        try
        {
            return await base.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e) when (e.Entries.FirstOrDefault()?.Entity is CrmRecord record)
        {
            throw new StaleRecord(record.GetType().Name, record.Id);
        }
    }
}
