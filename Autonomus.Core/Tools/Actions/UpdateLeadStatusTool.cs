using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools.Actions;

public sealed record UpdateLeadStatusPayload
{
    [Required, Description("The id of the lead.")]
    public Guid LeadId { get; init; }
    [Required, Description("New, Contacted, Qualified or Unqualified. Converting a lead is not done by this tool.")]
    public LeadStatus Status { get; init; }
    [StringLength(500), Description("Why, optional; kept as a note on the lead.")]
    public string? Reason { get; init; }
}

public sealed class UpdateLeadStatusTool : MutationTool<UpdateLeadStatusPayload>
{
    public override string Name => "update_lead_status";
    public override string Description => "Moves a lead to another status (New, Contacted, Qualified, Unqualified), with an optional reason kept as a note.";
    public override string Permission => ToolPermissions.WriteRecords;
    public override ToolRisk Risk => ToolRisk.Medium;
    public override bool Undoable => true;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, UpdateLeadStatusPayload p, CancellationToken ct)
    {
        if (p.Status == LeadStatus.Converted) throw InputInvalid.For("status", "Converting a lead creates a deal; this tool does not.");
        var lead = await TargetRecords.LoadForChangeAsync<Lead>(c, p.LeadId, ct);
        if (lead.Status == LeadStatus.Converted) throw new DomainRuleViolation("This lead has been converted; its status can no longer change.");
        if (lead.Status == p.Status) throw new DomainRuleViolation($"This lead is already {p.Status}.");
        return new ToolPlan(Name, lead, RecordType.Lead, TargetRecords.LabelOf(lead), $"Status {lead.Status} → {p.Status}", () =>
        {
            lead.ChangeStatus(p.Status, c.Now);
            if (Text.Blank(p.Reason) is not { } reason) return null;
            var note = new Activity(ActivityType.Note, $"Status changed to {p.Status}", reason, RecordType.Lead, lead.Id,
                c.Actor.UserId ?? lead.OwnerId, null, c.Now) { TenantId = lead.TenantId };
            c.Db.Activities.Add(note);
            return note;
        });
    }
}
