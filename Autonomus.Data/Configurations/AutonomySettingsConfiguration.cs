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
        b.Property(s => s.AutonomyBar).HasPrecision(3, 2);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_autonomy_settings_bar", "autonomy_bar > 0 AND autonomy_bar <= 1");
            t.HasCheckConstraint("ck_autonomy_settings_earning", "min_decisions_for_autonomy > 0 AND demote_after_undos > 0 AND undo_window_hours > 0");
        });
        b.HasOne<Tenant>().WithOne().HasForeignKey<AutonomySettings>(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
