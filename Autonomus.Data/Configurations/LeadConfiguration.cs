using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.ConfigureRecord();
        b.Property(l => l.ScoreFactors).HasColumnType("jsonb");
        b.Ignore(l => l.FullName);
        b.Property(l => l.FirstName).HasMaxLength(100);
        b.Property(l => l.LastName).HasMaxLength(100);
        b.Property(l => l.Company).HasMaxLength(200);
        b.Property(l => l.Email).HasMaxLength(254);
        b.Property(l => l.Phone).HasMaxLength(40);
        b.ToTable(t => t.HasCheckConstraint("ck_leads_score", "score BETWEEN 0 AND 100"));
        // The list's default order and the stagnation scan both start from these.
        b.HasIndex(l => new { l.TenantId, l.CreatedAt });
        b.HasIndex(l => new { l.TenantId, l.Status, l.LastActivityAt });
        b.HasIndex(l => new { l.TenantId, l.OwnerId });
        b.HasIndex(l => new { l.TenantId, l.LastName });
    }
}
