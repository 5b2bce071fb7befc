using Autonomus.Core.Suggestions;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class SuggestionConfiguration : IEntityTypeConfiguration<Suggestion>
{
    public void Configure(EntityTypeBuilder<Suggestion> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.TriggerType).HasMaxLength(40);
        b.Property(s => s.Agent).HasMaxLength(40);
        b.Property(s => s.Tool).HasMaxLength(60);
        b.Property(s => s.Engine).HasMaxLength(100);
        b.Property(s => s.Payload).HasColumnType("jsonb");
        b.Property(s => s.EditedPayload).HasColumnType("jsonb");
        b.Property(s => s.Facts).HasColumnType("jsonb");
        b.Property(s => s.AlternativeAction).HasColumnType("jsonb");
        b.Property(s => s.ApplyResult).HasColumnType("text");
        b.Property(s => s.RecordLabel).HasMaxLength(300);
        b.Property(s => s.Summary).HasMaxLength(300);
        b.Property(s => s.Reasoning).HasMaxLength(4000);
        b.Property(s => s.ReviewNote).HasMaxLength(1000);
        b.Property(s => s.Conflict).HasMaxLength(1000);
        b.Property(s => s.Confidence).HasPrecision(4, 3);
        b.Property(s => s.CalibratedConfidence).HasPrecision(4, 3);
        b.Property(s => s.AppliedByPolicy).HasMaxLength(120);
        b.Ignore(s => s.EffectiveConfidence);
        b.Ignore(s => s.EffectivePayload);
        b.Ignore(s => s.IsResolved);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_suggestions_confidence", "confidence BETWEEN 0 AND 1");
            t.HasCheckConstraint("ck_suggestions_calibrated_confidence", "calibrated_confidence IS NULL OR calibrated_confidence BETWEEN 0 AND 1");
            // Undo exists only for what a policy applied with a window.
            t.HasCheckConstraint("ck_suggestions_undo", "undo_until IS NULL OR applied_by_policy IS NOT NULL");
        });
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Trigger>().WithMany().HasForeignKey(s => s.TriggerId).OnDelete(DeleteBehavior.Restrict);
        // One pending suggestion per (tenant, trigger type, record).
        b.HasIndex(s => new { s.TenantId, s.TriggerType, s.RecordType, s.RecordId }).IsUnique().HasFilter("status = 'Pending'")
            .HasDatabaseName("ux_suggestions_pending_per_record");
        // The queue's default order (priority, then oldest first) as one index scan.
        b.HasIndex(s => new { s.TenantId, s.Status, s.Priority, s.CreatedAt, s.Id }).IsDescending(false, false, true, false, false)
            .HasDatabaseName("ix_suggestions_queue");
        // The pending queue as reviewers page it: its count is answered from this index alone (deferred_until included).
        b.HasIndex(s => new { s.TenantId, s.Priority, s.CreatedAt, s.Id }).IsDescending(false, true, false, false)
            .HasFilter("status = 'Pending'").IncludeProperties(s => new { s.DeferredUntil })
            .HasDatabaseName("ix_suggestions_pending_queue");
        b.HasIndex(s => new { s.TenantId, s.RecordType, s.RecordId });
        b.HasIndex(s => s.TriggerId);
        // Caps count what a policy applied per agent × action over the last day; Done by autonomy lists it newest first.
        b.HasIndex(s => new { s.TenantId, s.Agent, s.Tool, s.AppliedAt }).HasFilter("applied_by_policy IS NOT NULL")
            .HasDatabaseName("ix_suggestions_applied_by_policy");
        b.HasIndex(s => new { s.TenantId, s.CorrelationId });
    }
}
