using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> b)
    {
        b.ConfigureRecord();
        b.Ignore(d => d.IsClosed);
        b.Property(d => d.Name).HasMaxLength(200);
        b.Property(d => d.Amount).HasPrecision(18, 2);
        b.Property(d => d.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(d => d.WinFactors).HasColumnType("jsonb");
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_deals_probability", "probability BETWEEN 0 AND 100");
            t.HasCheckConstraint("ck_deals_amount", "amount >= 0");
        });
        b.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.StageHistory).WithOne().HasForeignKey(h => h.DealId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.StageHistory).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(d => new { d.TenantId, d.Stage, d.Amount });
        b.HasIndex(d => new { d.TenantId, d.AccountId });
        b.HasIndex(d => new { d.TenantId, d.ExpectedCloseDate });
        b.HasIndex(d => new { d.TenantId, d.OwnerId });
    }
}
