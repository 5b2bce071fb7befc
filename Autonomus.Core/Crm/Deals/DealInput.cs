using System.ComponentModel.DataAnnotations;

namespace Autonomus.Core.Crm.Deals;

public sealed class DealInput
{
    [Required(ErrorMessage = "Name is required."), StringLength(200)]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Choose the deal's account.")]
    public Guid? AccountId { get; set; }

    [Range(0, 1_000_000_000_000, ErrorMessage = "Amount must be zero or more.")]
    public decimal Amount { get; set; }

    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Currency is a three-letter code such as USD or CLP.")]
    public string Currency { get; set; } = "USD";

    [Range(0, 100, ErrorMessage = "Probability is between 0 and 100.")]
    public int Probability { get; set; } = DealStage.Prospecting.DefaultProbability();

    [Required(ErrorMessage = "Expected close date is required.")]
    public DateOnly? ExpectedCloseDate { get; set; }

    public Guid? OwnerId { get; set; }

    public static DealInput From(DealDetail d) => new()
    {
        Name = d.Name, AccountId = d.AccountId, Amount = d.Amount, Currency = d.Currency, Probability = d.Probability,
        ExpectedCloseDate = d.ExpectedCloseDate, OwnerId = d.OwnerId,
    };
}
