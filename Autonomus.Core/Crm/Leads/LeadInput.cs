using System.ComponentModel.DataAnnotations;

namespace Autonomus.Core.Crm.Leads;

/// <summary>What a person types to create or edit a lead; the rules here drive both the form's messages and the server check.</summary>
public sealed class LeadInput
{
    [Required(ErrorMessage = "First name is required."), StringLength(100)]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessage = "Last name is required."), StringLength(100)]
    public string LastName { get; set; } = "";

    [StringLength(200)]
    public string? Company { get; set; }

    [EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(254)]
    public string? Email { get; set; }

    [Phone(ErrorMessage = "Enter a valid phone number."), StringLength(40)]
    public string? Phone { get; set; }

    public LeadSource Source { get; set; } = LeadSource.Website;

    [Range(0, 100, ErrorMessage = "Score is between 0 and 100.")]
    public int Score { get; set; }

    public Guid? OwnerId { get; set; }

    public static LeadInput From(LeadDetail lead) => new()
    {
        FirstName = lead.FirstName,
        LastName = lead.LastName,
        Company = lead.Company,
        Email = lead.Email,
        Phone = lead.Phone,
        Source = lead.Source,
        Score = lead.Score,
        OwnerId = lead.OwnerId,
    };
}
