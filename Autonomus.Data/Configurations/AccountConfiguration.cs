using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Industry).HasMaxLength(100);
        b.Property(a => a.Website).HasMaxLength(300);
        b.Property(a => a.Phone).HasMaxLength(40);
        b.Property(a => a.City).HasMaxLength(100);
        b.Property(a => a.Country).HasMaxLength(100);
        b.Property(a => a.Rut).HasMaxLength(12);
        b.HasIndex(a => new { a.TenantId, a.Name });
        b.HasIndex(a => new { a.TenantId, a.OwnerId });
        b.HasIndex(a => new { a.TenantId, a.LastActivityAt });
    }
}
