using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class TriggerConfiguration : IEntityTypeConfiguration<Trigger>
{
    public void Configure(EntityTypeBuilder<Trigger> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Type).HasMaxLength(40);
        b.Property(t => t.Context).HasColumnType("jsonb");
        b.Ignore(t => t.IsOpen);
        b.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        // One open trigger per (tenant, type, record): detectors and the stage-move event insert ON CONFLICT DO NOTHING against it.
        b.HasIndex(t => new { t.TenantId, t.Type, t.RecordType, t.RecordId }).IsUnique().HasFilter("closed_at IS NULL")
            .HasDatabaseName("ux_triggers_open_per_record");
        // The detectors' anti-join (open, or closed within the cooldown).
        b.HasIndex(t => new { t.TenantId, t.Type, t.RecordId, t.ClosedAt });
        b.HasIndex(t => new { t.TenantId, t.DetectedAt }).HasFilter("closed_at IS NULL");
    }
}
