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

    public void TouchActivity(DateTimeOffset at)
    {
        if (LastActivityAt is null || at > LastActivityAt) LastActivityAt = at;
    }
}
