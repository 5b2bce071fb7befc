namespace Autonomus.Data.Seeding;

/// <summary>How much demo data one tenant gets.</summary>
public sealed record SeedSizes(int Accounts, int Contacts, int Leads, int Deals, int Activities)
{
    public static readonly SeedSizes Demo = new(400, 900, 2_000, 500, 10_000);
}
