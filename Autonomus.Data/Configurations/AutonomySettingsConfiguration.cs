using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class AutonomySettingsConfiguration : IEntityTypeConfiguration<AutonomySettings>
{
    public void Configure(EntityTypeBuilder<AutonomySettings> b)
    {
        b.HasKey(s => s.TenantId);
        b.Property(s => s.KillSwitchReason).HasMaxLength(500);
        b.HasOne<Tenant>().WithOne().HasForeignKey<AutonomySettings>(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
