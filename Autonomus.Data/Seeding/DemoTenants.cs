using Autonomus.Core.Tenancy;

namespace Autonomus.Data.Seeding;

public sealed record DemoUser(string Email, string DisplayName, string Role, string Team);

/// <param name="Locale">The fake-data generator's locale.</param>
/// <param name="Culture">The console's default language for the organisation.</param>
public sealed record DemoTenant(Guid Id, string Name, string Slug, string Locale, string Culture, string TimeZone, string Currency, decimal MinDeal, decimal MaxDeal, decimal StageApprovalLimit,
    IReadOnlyList<string> Cities, string Country, IReadOnlyList<DemoUser> Users);

/// <summary>The two demo organisations and their people. Fixed ids keep links and tests stable across seeds.</summary>
public static class DemoTenants
{
    public static readonly DemoTenant Andes = new(
        Guid.Parse("0195a000-0000-7000-8000-0000000000a1"), "Andes Comercial SpA", "andes", "es", "es-CL", "America/Santiago", "CLP", 1_500_000m, 180_000_000m, 100_000_000m,
        ["Santiago", "Valparaíso", "Concepción", "Antofagasta", "La Serena", "Temuco", "Puerto Montt", "Rancagua"], "Chile",
        [
            new("admin@andes.demo", "Carolina Muñoz", Roles.Admin, ""),
            new("manager@andes.demo", "Ana Pérez", Roles.SalesManager, "Norte"),
            new("manager.sur@andes.demo", "Felipe Soto", Roles.SalesManager, "Sur"),
            new("rep1@andes.demo", "Diego Rojas", Roles.SalesRep, "Norte"),
            new("rep2@andes.demo", "Valentina Díaz", Roles.SalesRep, "Norte"),
            new("rep3@andes.demo", "Matías González", Roles.SalesRep, "Sur"),
            new("rep4@andes.demo", "Camila Fuentes", Roles.SalesRep, "Sur"),
            new("auditor@andes.demo", "Jorge Castillo", Roles.Auditor, ""),
        ]);

    public static readonly DemoTenant Northwind = new(
        Guid.Parse("0195a000-0000-7000-8000-0000000000b2"), "Northwind Traders", "northwind", "en", "en", "America/Los_Angeles", "USD", 2_000m, 250_000m, 100_000m,
        ["Seattle", "Portland", "Boston", "Chicago", "Austin", "Denver", "Atlanta", "San Diego"], "United States",
        [
            new("admin@northwind.demo", "Andrew Fuller", Roles.Admin, ""),
            new("manager@northwind.demo", "Nancy Davolio", Roles.SalesManager, "East"),
            new("manager.west@northwind.demo", "Steven Buchanan", Roles.SalesManager, "West"),
            new("rep1@northwind.demo", "Janet Leverling", Roles.SalesRep, "East"),
            new("rep2@northwind.demo", "Margaret Peacock", Roles.SalesRep, "East"),
            new("rep3@northwind.demo", "Michael Suyama", Roles.SalesRep, "West"),
            new("rep4@northwind.demo", "Robert King", Roles.SalesRep, "West"),
            new("auditor@northwind.demo", "Laura Callahan", Roles.Auditor, ""),
        ]);

    public static readonly IReadOnlyList<DemoTenant> All = [Andes, Northwind];
}
