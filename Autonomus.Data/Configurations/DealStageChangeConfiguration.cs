using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class DealStageChangeConfiguration : IEntityTypeConfiguration<DealStageChange>
{
    public void Configure(EntityTypeBuilder<DealStageChange> b)
    {
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.HasOne<Tenant>().WithMany().HasForeignKey(h => h.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.TenantId, h.DealId, h.ChangedAt });
        // The regression scan looks only at moves back.
        b.HasIndex(h => new { h.TenantId, h.ChangedAt }).HasFilter("is_regression");
    }
}
