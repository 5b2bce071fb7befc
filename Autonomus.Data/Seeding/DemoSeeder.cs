using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Data.Bulk;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Data.Seeding;

public sealed record SeedReport(bool Seeded, IReadOnlyList<DemoUser> Users);

/// <summary>
/// Seeds the demo tenants, their users and CRM data when the database has no tenant yet.
/// Runs as the owner role (from the migrate command), once; a second run changes nothing.
/// </summary>
public sealed class DemoSeeder(
    AutonomusDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public const int LargeLeadCount = 1_000_000;

    public async Task<SeedReport> SeedAsync(string demoPassword, bool large = false, CancellationToken ct = default)
    {
        var demoUsers = DemoTenants.All.SelectMany(t => t.Users).ToList();
        if (await db.Tenants.AnyAsync(ct))
        {
            logger.LogInformation("Demo data already present; nothing to seed");
            return new SeedReport(false, demoUsers);
        }

        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)), $"create role {role}");

        // One transaction: a seed that fails half-way leaves nothing behind, and the next run starts over.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var seed = 2026;
        foreach (var tenant in DemoTenants.All)
        {
            var started = clock.GetTimestamp();
            var entity = new Tenant(tenant.Id, tenant.Name, tenant.Slug, now.AddDays(-200));
            entity.SetDealStageApprovalLimit(tenant.StageApprovalLimit);
            entity.SetLocale(tenant.Culture, tenant.TimeZone);
            db.Tenants.Add(entity);
            await db.SaveChangesAsync(ct);

            var owners = new List<Guid>();
            foreach (var u in tenant.Users)
            {
                var user = new AppUser
                {
                    Id = Guid.CreateVersion7(), TenantId = tenant.Id, UserName = u.Email, Email = u.Email, EmailConfirmed = true,
                    DisplayName = u.DisplayName, Team = u.Team,
                };
                Check(await users.CreateAsync(user, demoPassword), $"create user {u.Email}");
                Check(await users.AddToRoleAsync(user, u.Role), $"add {u.Email} to {u.Role}");
                // Demo users come enrolled in two-factor sign-in (mandatory for everyone); ./dev prints their keys.
                Check(await users.ResetAuthenticatorKeyAsync(user), $"create an authenticator key for {u.Email}");
                Check(await users.SetTwoFactorEnabledAsync(user, true), $"enable two-factor sign-in for {u.Email}");
                if (u.Role is Roles.SalesRep or Roles.SalesManager) owners.Add(user.Id);
            }

            var crm = new CrmDataGenerator(tenant, owners, now, seed++).Generate(SeedSizes.Demo);
            await BulkCopy.CopyAsync(db, crm.Accounts, ct);
            await BulkCopy.CopyAsync(db, crm.Contacts, ct);
            await BulkCopy.CopyAsync(db, crm.Leads, ct);
            await BulkCopy.CopyAsync(db, crm.Deals, ct);
            await BulkCopy.CopyAsync(db, crm.Deals.SelectMany(d => d.StageHistory), ct);
            await BulkCopy.CopyAsync(db, crm.Activities, ct);

            if (large && tenant == DemoTenants.Andes)
            {
                var copied = await BulkCopy.CopyAsync(db, new CrmDataGenerator(tenant, owners, now, seed++).StreamLeads(LargeLeadCount), ct);
                logger.LogInformation("Seeded {Count} extra leads for benchmarks", copied);
            }
            logger.LogInformation("Seeded tenant {Tenant} in {Elapsed}", tenant.Slug, clock.GetElapsedTime(started));
        }
        await transaction.CommitAsync(ct);
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        return new SeedReport(true, demoUsers);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
