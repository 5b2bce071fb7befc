using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Localization;

namespace Autonomus.Core.Crm.Leads;

/// <summary>What a person types to create or edit a lead; the rules here drive both the form's messages and the server check.</summary>
public sealed class LeadInput
{
    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.FirstNameRequired)), StringLength(100)]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.LastNameRequired)), StringLength(100)]
    public string LastName { get; set; } = "";

    [StringLength(200)]
    public string? Company { get; set; }

    [EmailAddress(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.EmailInvalid)), StringLength(254)]
    public string? Email { get; set; }

    [Phone(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.PhoneInvalid)), StringLength(40)]
    public string? Phone { get; set; }

    public LeadSource Source { get; set; } = LeadSource.Website;

    [Range(0, 100, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.ScoreRange))]
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
