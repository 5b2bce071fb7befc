using Autonomus.Core.Suggestions.Llm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autonomus.Data.Configurations;

internal sealed class LlmCallConfiguration : IEntityTypeConfiguration<LlmCall>
{
    public void Configure(EntityTypeBuilder<LlmCall> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Model).HasMaxLength(100);
        b.Property(c => c.PromptVersion).HasMaxLength(20);
        b.Property(c => c.Outcome).HasMaxLength(20);
        b.Property(c => c.Failure).HasMaxLength(1000);
        b.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        // The monthly budget sums one tenant's calls since the first of the month.
        b.HasIndex(c => new { c.TenantId, c.At });
        b.HasIndex(c => new { c.TenantId, c.CorrelationId });
    }
}
