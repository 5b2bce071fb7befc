namespace Autonomus.Core.Crm;

/// <summary>A company the tenant sells to.</summary>
public sealed class Account : CrmRecord, ITouchable
{
    private Account() { }

    public Account(string name, Guid? ownerId)
    {
        Name = name;
        OwnerId = ownerId;
    }

    public string Name { get; private set; } = "";
    public string? Industry { get; private set; }
    public string? Website { get; private set; }
    public string? Phone { get; private set; }
    public string? City { get; private set; }
    public string? Country { get; private set; }
    /// <summary>The company's Chilean RUT, kept normalised ("76123456-7"); see <see cref="Crm.Rut"/>.</summary>
    public string? Rut { get; private set; }
    public DateTimeOffset? LastActivityAt { get; private set; }

    public void UpdateDetails(string name, string? industry, string? website, string? phone, string? city, string? country)
    {
        Name = name;
        Industry = industry;
        Website = website;
        Phone = phone;
        City = city;
        Country = country;
    }

    /// <summary>Sets the RUT as typed, normalised; text not shaped like a RUT is refused (the check digit is the form's and the Data Quality Guardian's).</summary>
    public void SetRut(string? rut) =>
        Rut = string.IsNullOrWhiteSpace(rut) ? null : Crm.Rut.Normalize(rut) ?? throw new Common.DomainRuleViolation($"'{rut}' is not written like a RUT (76.123.456-7).");

    public void TouchActivity(DateTimeOffset at)
    {
        if (LastActivityAt is null || at > LastActivityAt) LastActivityAt = at;
    }
}
