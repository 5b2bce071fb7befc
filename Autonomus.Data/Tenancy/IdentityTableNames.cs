using Autonomus.Core.Localization;
using Autonomus.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Data.Tenancy;

/// <summary>Plain table names for Identity ("users", not "asp_net_users") and the user's tenant columns.</summary>
internal static class IdentityTableNames
{
    public static void Apply(ModelBuilder builder)
    {
        builder.Entity<AppUser>(b =>
        {
            b.ToTable("users");
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.Team).HasMaxLength(100);
            b.Property(u => u.PreferredCulture).HasMaxLength(10);
            b.Property(u => u.Theme).HasMaxLength(10).HasDefaultValue(UiThemes.System);
            b.ToTable(t =>
            {
                t.HasCheckConstraint("ck_users_preferred_culture", $"preferred_culture IS NULL OR preferred_culture IN ({UiCultures.SqlList})");
                t.HasCheckConstraint("ck_users_theme", $"theme IN ({UiThemes.SqlList})");
            });
            b.HasIndex(u => new { u.TenantId, u.DisplayName });
            b.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
    }
}
