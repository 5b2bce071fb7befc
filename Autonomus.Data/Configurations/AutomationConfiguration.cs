using Autonomus.Core.Automations;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class AutomationConfiguration : IEntityTypeConfiguration<Automation>
{
    public void Configure(EntityTypeBuilder<Automation> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Name).HasMaxLength(100);
        b.Property(a => a.State).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.TenantId, a.Name });
    }
}

internal sealed class AutomationVersionConfiguration : IEntityTypeConfiguration<AutomationVersion>
{
    public void Configure(EntityTypeBuilder<AutomationVersion> b)
    {
        b.HasKey(v => new { v.AutomationId, v.Number });
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(v => v.Document).HasColumnType("jsonb");
        b.Property(v => v.Note).HasMaxLength(ManageAutomations.NoteMaxLength);
        b.HasOne<Automation>().WithMany().HasForeignKey(v => v.AutomationId).OnDelete(DeleteBehavior.Cascade);
        // At most one draft and one published version per automation, whoever saves at the same time.
        b.HasIndex(v => new { v.AutomationId, v.Status }).IsUnique().HasFilter("status IN ('Draft', 'Published')");
        b.HasIndex(v => v.TenantId);
    }
}
