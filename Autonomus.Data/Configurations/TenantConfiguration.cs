using Autonomus.Core.Localization;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Slug).HasMaxLength(50);
        b.HasIndex(t => t.Slug).IsUnique();
        b.Property(t => t.DealStageApprovalLimit).HasPrecision(18, 2);
        b.Property(t => t.DefaultCulture).HasMaxLength(10).HasDefaultValue(UiCultures.English);
        b.Property(t => t.TimeZone).HasMaxLength(64).HasDefaultValue("UTC");
        b.ToTable(t => t.HasCheckConstraint("ck_tenants_default_culture", $"default_culture IN ({UiCultures.SqlList})"));
    }
}
