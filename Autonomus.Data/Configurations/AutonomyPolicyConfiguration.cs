using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class AutonomyPolicyConfiguration : IEntityTypeConfiguration<AutonomyPolicy>
{
    public void Configure(EntityTypeBuilder<AutonomyPolicy> b)
    {
        b.ToTable("autonomy_policies", t =>
        {
            // The rules the use case checks, kept by the database too: a bad version cannot be written at all.
            t.HasCheckConstraint("ck_autonomy_policies_floor", "confidence_floor IS NULL OR confidence_floor BETWEEN 0 AND 1");
            t.HasCheckConstraint("ck_autonomy_policies_caps", "coalesce(max_per_hour, 1) > 0 AND coalesce(max_per_day, 1) > 0 AND coalesce(max_per_record_per_day, 1) > 0");
            t.HasCheckConstraint("ck_autonomy_policies_quiet", "(quiet_from IS NULL) = (quiet_to IS NULL) AND (quiet_from IS NULL OR quiet_from <> quiet_to)");
            t.HasCheckConstraint("ck_autonomy_policies_version", "version > 0");
            t.HasCheckConstraint("ck_autonomy_policies_never_auto", "action_risk <> 'NeverAuto' OR mode IN ('Off', 'Suggest')");
        });
        b.HasKey(p => new { p.TenantId, p.Agent, p.Action, p.Version });
        b.Property(p => p.Agent).HasMaxLength(50);
        b.Property(p => p.Action).HasMaxLength(50);
        b.Property(p => p.Mode).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.ConfidenceFloor).HasPrecision(4, 3);
        b.Property(p => p.ActionRisk).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.RiskCeiling).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Reason).HasMaxLength(500);
        b.Property(p => p.NotifyRoles).HasColumnType("text[]");
        b.Ignore(p => p.Rules);
        b.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
