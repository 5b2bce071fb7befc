using System.ComponentModel.DataAnnotations;

namespace Autonomus.Core.Crm.Contacts;

public sealed class ContactInput
{
    [Required(ErrorMessage = "First name is required."), StringLength(100)]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessage = "Last name is required."), StringLength(100)]
    public string LastName { get; set; } = "";

    [Required(ErrorMessage = "Choose the contact's account.")]
    public Guid? AccountId { get; set; }

    [StringLength(100)]
    public string? Title { get; set; }

    [EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(254)]
    public string? Email { get; set; }

    [Phone(ErrorMessage = "Enter a valid phone number."), StringLength(40)]
    public string? Phone { get; set; }

    public Guid? OwnerId { get; set; }

    public static ContactInput From(ContactDetail c) => new()
    {
        FirstName = c.FirstName, LastName = c.LastName, AccountId = c.AccountId, Title = c.Title, Email = c.Email, Phone = c.Phone, OwnerId = c.OwnerId,
    };
}
