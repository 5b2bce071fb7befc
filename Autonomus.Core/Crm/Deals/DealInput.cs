using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Localization;

namespace Autonomus.Core.Crm.Deals;

public sealed class DealInput
{
    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.NameRequired)), StringLength(200)]
    public string Name { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.DealAccountRequired))]
    public Guid? AccountId { get; set; }

    [Range(0, 1_000_000_000_000, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.AmountRange))]
    public decimal Amount { get; set; }

    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.CurrencyCode))]
    public string Currency { get; set; } = "USD";

    [Range(0, 100, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.ProbabilityRange))]
    public int Probability { get; set; } = DealStage.Prospecting.DefaultProbability();

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.CloseDateRequired))]
    public DateOnly? ExpectedCloseDate { get; set; }

    public Guid? OwnerId { get; set; }

    public static DealInput From(DealDetail d) => new()
    {
        Name = d.Name, AccountId = d.AccountId, Amount = d.Amount, Currency = d.Currency, Probability = d.Probability,
        ExpectedCloseDate = d.ExpectedCloseDate, OwnerId = d.OwnerId,
    };
}
