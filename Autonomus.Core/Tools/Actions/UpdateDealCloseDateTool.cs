using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools.Actions;

public sealed record UpdateDealCloseDatePayload
{
    [Required, Description("The id of the open deal.")]
    public Guid DealId { get; init; }
    [Required, Description("The new expected close date (YYYY-MM-DD), today or later.")]
    public DateOnly ExpectedCloseDate { get; init; }
}

public sealed class UpdateDealCloseDateTool : MutationTool<UpdateDealCloseDatePayload>
{
    public override string Name => "update_deal_close_date";
    public override string Description => "Changes an open deal's expected close date to today or a later day.";
    public override string Permission => ToolPermissions.WriteRecords;
    public override ToolRisk Risk => ToolRisk.Medium;
    public override bool Undoable => true;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, UpdateDealCloseDatePayload p, CancellationToken ct)
    {
        var deal = await TargetRecords.LoadForChangeAsync<Deal>(c, p.DealId, ct);
        if (deal.IsClosed) throw new DomainRuleViolation($"This deal is {deal.Stage}; its close date is history.");
        if (p.ExpectedCloseDate < DateOnly.FromDateTime(c.Now.UtcDateTime)) throw InputInvalid.For("expectedCloseDate", "Choose today or a later day.");
        if (p.ExpectedCloseDate == deal.ExpectedCloseDate) throw new DomainRuleViolation("The deal already closes on that day.");
        return new ToolPlan(Name, deal, RecordType.Deal, deal.Name, $"Expected close {deal.ExpectedCloseDate:yyyy-MM-dd} → {p.ExpectedCloseDate:yyyy-MM-dd}", () =>
        {
            deal.UpdateDetails(deal.AccountId, deal.Name, deal.Amount, deal.Currency, deal.Probability, p.ExpectedCloseDate);
            return null;
        });
    }
}
