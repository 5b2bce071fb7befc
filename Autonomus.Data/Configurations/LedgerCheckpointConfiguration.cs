using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class LedgerCheckpointConfiguration : IEntityTypeConfiguration<LedgerCheckpoint>
{
    public void Configure(EntityTypeBuilder<LedgerCheckpoint> b)
    {
        b.HasKey(c => new { c.TenantId, c.Sequence });
        b.Property(c => c.Sequence).ValueGeneratedNever();
        b.Property(c => c.HeadHash).HasMaxLength(32);
        b.Property(c => c.KeyId).HasMaxLength(20);
        b.Property(c => c.Signature).HasMaxLength(32);
        b.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
