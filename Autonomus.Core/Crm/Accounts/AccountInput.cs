using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Localization;

namespace Autonomus.Core.Crm.Accounts;

public sealed class AccountInput
{
    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.NameRequired)), StringLength(200)]
    public string Name { get; set; } = "";

    [StringLength(100)]
    public string? Industry { get; set; }

    [Url(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.UrlInvalid)), StringLength(300)]
    public string? Website { get; set; }

    [Phone(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.PhoneInvalid)), StringLength(40)]
    public string? Phone { get; set; }

    [StringLength(100)]
    public string? City { get; set; }

    [StringLength(100)]
    public string? Country { get; set; }

    [Rut(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.RutInvalid)), StringLength(16)]
    public string? Rut { get; set; }

    public Guid? OwnerId { get; set; }

    public static AccountInput From(AccountDetail a) => new()
    {
        Name = a.Name, Industry = a.Industry, Website = a.Website, Phone = a.Phone, City = a.City, Country = a.Country, OwnerId = a.OwnerId,
        Rut = a.Rut is { } rut ? Crm.Rut.Display(rut) : null,
    };
}
