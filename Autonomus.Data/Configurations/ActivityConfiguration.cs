using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.ConfigureRecord();
        b.Ignore(a => a.IsCompleted);
        b.Property(a => a.Subject).HasMaxLength(200);
        b.Property(a => a.Body).HasMaxLength(4000);
        // A record's timeline, newest first.
        b.HasIndex(a => new { a.TenantId, a.RelatedType, a.RelatedId, a.CreatedAt });
        b.HasIndex(a => new { a.TenantId, a.CreatedAt });
        // Open work by due date (the overdue scan).
        b.HasIndex(a => new { a.TenantId, a.DueAt }).HasFilter("completed_at IS NULL");
    }
}
