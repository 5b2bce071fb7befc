using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Localization;

namespace Autonomus.Core.Crm.Contacts;

public sealed class ContactInput
{
    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.FirstNameRequired)), StringLength(100)]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.LastNameRequired)), StringLength(100)]
    public string LastName { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.ContactAccountRequired))]
    public Guid? AccountId { get; set; }

    [StringLength(100)]
    public string? Title { get; set; }

    [EmailAddress(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.EmailInvalid)), StringLength(254)]
    public string? Email { get; set; }

    [Phone(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.PhoneInvalid)), StringLength(40)]
    public string? Phone { get; set; }

    public Guid? OwnerId { get; set; }

    public static ContactInput From(ContactDetail c) => new()
    {
        FirstName = c.FirstName, LastName = c.LastName, AccountId = c.AccountId, Title = c.Title, Email = c.Email, Phone = c.Phone, OwnerId = c.OwnerId,
    };
}
