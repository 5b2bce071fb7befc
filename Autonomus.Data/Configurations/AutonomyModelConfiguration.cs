using Autonomus.Core.Agents;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class CalibrationBinConfiguration : IEntityTypeConfiguration<CalibrationBin>
{
    public void Configure(EntityTypeBuilder<CalibrationBin> b)
    {
        b.ToTable("calibration_bins", t => t.HasCheckConstraint("ck_calibration_bins_bin", "bin BETWEEN 0 AND 9 AND samples > 0"));
        b.HasKey(x => new { x.TenantId, x.Agent, x.Action, x.Engine, x.Bin });
        b.Property(x => x.Agent).HasMaxLength(50);
        b.Property(x => x.Action).HasMaxLength(60);
        b.Property(x => x.Engine).HasMaxLength(100);
        b.Property(x => x.Successes).HasPrecision(12, 1);
        b.Property(x => x.RawSum).HasPrecision(14, 3);
        b.Ignore(x => x.Observed);
        b.Ignore(x => x.MeanRaw);
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AutonomyOfferConfiguration : IEntityTypeConfiguration<AutonomyOffer>
{
    public void Configure(EntityTypeBuilder<AutonomyOffer> b)
    {
        b.ToTable("autonomy_offers");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Agent).HasMaxLength(50);
        b.Property(x => x.Action).HasMaxLength(60);
        b.Property(x => x.Evidence).HasColumnType("jsonb");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(500);
        // One open offer per agent × action.
        b.HasIndex(x => new { x.TenantId, x.Agent, x.Action }).IsUnique().HasFilter("status = 'Pending'").HasDatabaseName("ux_autonomy_offers_pending");
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PolicyUsageConfiguration : IEntityTypeConfiguration<PolicyUsage>
{
    public void Configure(EntityTypeBuilder<PolicyUsage> b)
    {
        b.ToTable("autonomy_policy_usage", t => t.HasCheckConstraint("ck_autonomy_policy_usage_counts", "hour_count >= 0 AND day_count >= 0"));
        b.HasKey(x => new { x.TenantId, x.Agent, x.Action });
        b.Property(x => x.Agent).HasMaxLength(50);
        b.Property(x => x.Action).HasMaxLength(60);
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgentPauseConfiguration : IEntityTypeConfiguration<AgentPause>
{
    public void Configure(EntityTypeBuilder<AgentPause> b)
    {
        b.ToTable("agent_pauses");
        b.HasKey(x => new { x.TenantId, x.Agent, x.Action });
        b.Property(x => x.Agent).HasMaxLength(50);
        b.Property(x => x.Action).HasMaxLength(60);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgentSettingsVersionConfiguration : IEntityTypeConfiguration<AgentSettingsVersion>
{
    public void Configure(EntityTypeBuilder<AgentSettingsVersion> b)
    {
        b.ToTable("agent_settings_versions");
        b.HasKey(x => new { x.TenantId, x.Agent, x.Version });
        b.Property(x => x.Agent).HasMaxLength(50);
        b.Property(x => x.Values).HasColumnType("jsonb");
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.ChangedByName).HasMaxLength(200);
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Core.Agents.AutomationOptimizer.Recommendation>
{
    public void Configure(EntityTypeBuilder<Core.Agents.AutomationOptimizer.Recommendation> b)
    {
        b.ToTable("recommendations");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Agent).HasMaxLength(50);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Subject).HasMaxLength(60);
        b.Property(x => x.Evidence).HasColumnType("jsonb");
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Ignore(x => x.Figures);
        // One open recommendation per agent × kind × setting or action.
        b.HasIndex(x => new { x.TenantId, x.Agent, x.Kind, x.Subject }).IsUnique().HasFilter("status = 'Open'");
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PredictionModelConfiguration : IEntityTypeConfiguration<Core.Agents.Prediction.PredictionModel>
{
    public void Configure(EntityTypeBuilder<Core.Agents.Prediction.PredictionModel> b)
    {
        b.ToTable("prediction_models");
        b.HasKey(x => new { x.TenantId, x.Kind, x.Version });
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Failure).HasMaxLength(500);
        b.Property(x => x.Factors).HasColumnType("jsonb");
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DataAccessDayConfiguration : IEntityTypeConfiguration<Core.Agents.Compliance.Access.DataAccessDay>
{
    public void Configure(EntityTypeBuilder<Core.Agents.Compliance.Access.DataAccessDay> b)
    {
        b.ToTable("data_access_days");
        // The key leads with the day: the watch reads one day and the 28 before it.
        b.HasKey(x => new { x.TenantId, x.Day, x.ActorType, x.ActorId });
        b.Property(x => x.ActorType).HasMaxLength(10);
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignInCountryConfiguration : IEntityTypeConfiguration<Core.Agents.Compliance.Access.SignInCountry>
{
    public void Configure(EntityTypeBuilder<Core.Agents.Compliance.Access.SignInCountry> b)
    {
        b.ToTable("sign_in_countries");
        b.HasKey(x => new { x.TenantId, x.UserId, x.Country });
        b.Property(x => x.Country).HasMaxLength(2).IsFixedLength();
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<Core.Agents.Communication.Email.OutboundEmail>
{
    public void Configure(EntityTypeBuilder<Core.Agents.Communication.Email.OutboundEmail> b)
    {
        b.ToTable("outbound_emails");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.RecordType).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.To).HasMaxLength(254);
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(4000);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Ignore(x => x.MessageId);
        // The outbox job's scan: what is due, oldest first.
        b.HasIndex(x => new { x.TenantId, x.NextAttemptAt }).HasFilter("status = 'Queued'");
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccountHealthConfiguration : IEntityTypeConfiguration<Core.Agents.CustomerRisk.Health.AccountHealth>
{
    public void Configure(EntityTypeBuilder<Core.Agents.CustomerRisk.Health.AccountHealth> b)
    {
        b.ToTable("account_health");
        b.HasKey(x => new { x.TenantId, x.AccountId, x.Day });
        b.Property(x => x.Reasons).HasColumnType("jsonb");
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Autonomus.Core.Crm.Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
