using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ConfigureRecord();
        b.Ignore(c => c.FullName);
        b.Property(c => c.FirstName).HasMaxLength(100);
        b.Property(c => c.LastName).HasMaxLength(100);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.Title).HasMaxLength(100);
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.TenantId, c.AccountId });
        b.HasIndex(c => new { c.TenantId, c.LastName });
        b.HasIndex(c => new { c.TenantId, c.LastActivityAt });
    }
}
