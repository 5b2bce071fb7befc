using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.HasKey(e => new { e.TenantId, e.Sequence });
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.Kind).HasMaxLength(40);
        b.Property(e => e.ActorType).HasMaxLength(10);
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.SubjectType).HasMaxLength(20);
        // Text, not jsonb: the hash covers these exact bytes.
        b.Property(e => e.Data).HasColumnType("text");
        b.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.TenantId, e.CorrelationId });
        b.HasIndex(e => new { e.TenantId, e.SubjectId });
        b.HasIndex(e => new { e.TenantId, e.Kind, e.Sequence });
        // Entries written before the database computed the chain are version 1.
        b.Property(e => e.HashVersion).HasDefaultValue(1).ValueGeneratedNever();
        b.Property(e => e.Nonce).HasMaxLength(32);
        b.Property(e => e.Mac).HasMaxLength(32);
        b.Property(e => e.KeyId).HasMaxLength(20);
        // A copied entry (same code) is refused: each code is good for one entry.
        b.HasIndex(e => new { e.TenantId, e.Mac }).IsUnique().HasFilter("mac IS NOT NULL");
    }
}
