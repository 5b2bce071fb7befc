using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Tools.Actions;

public sealed record UpdateDealStagePayload
{
    [Required, Description("The id of the open deal.")]
    public Guid DealId { get; init; }
    [Required, Description("Prospecting, Qualification, Proposal, Negotiation, ClosedWon or ClosedLost.")]
    public DealStage Stage { get; init; }
}

public sealed class UpdateDealStageTool(DealRegressionTriggers regressions) : MutationTool<UpdateDealStagePayload>
{
    public override string Name => "update_deal_stage";
    public override string Description => "Moves an open deal to another pipeline stage, including closing it won or lost. Deals above the organisation's approval limit need an Admin.";
    public override string Permission => ToolPermissions.MoveDeals;
    // Winning or losing a deal commits the organisation (and can cross the approval limit): a person decides, always.
    public override ToolRisk Risk => ToolRisk.NeverAuto;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, UpdateDealStagePayload p, CancellationToken ct)
    {
        var deal = await TargetRecords.LoadForChangeAsync<Deal>(c, p.DealId, ct);
        if (deal.IsClosed) throw new DomainRuleViolation($"This deal is {deal.Stage}; a closed deal cannot move to another stage.");
        if (deal.Stage == p.Stage) throw new DomainRuleViolation($"This deal is already in {deal.Stage}.");
        await c.Access.EnsureCanMoveStageAsync(c.Db, deal, ct);
        ToolPlan? plan = null;
        plan = new ToolPlan(Name, deal, RecordType.Deal, deal.Name, $"Stage {deal.Stage} → {p.Stage}", () =>
        {
            var change = deal.MoveToStage(p.Stage, c.Now, c.Actor.UserId);
            c.Db.DealStageChanges.Add(change);
            if (change.IsRegression) plan!.RunInTransaction((db, token) => regressions.RaiseAsync(db, deal, change, token));
            // A lost deal weighs on its account's health: Customer Risk sees it at once (cooperation).
            if (p.Stage == DealStage.ClosedLost)
                plan!.RunInTransaction(async (db, token) =>
                {
                    await db.SaveChangesAsync(token);
                    await Agents.Cooperation.AccountChangedAsync(db, deal.TenantId, deal.AccountId, c.Cause, c.Now, token);
                });
            return null;
        });
        return plan;
    }
}
