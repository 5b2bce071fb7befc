using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools.Actions;

public sealed record AssignOwnerPayload
{
    [Required, Description("The kind of record: Lead, Deal, Contact, Account or Activity.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The id of that record.")]
    public Guid RecordId { get; init; }
    [Required, Description("The id of the user who will own it; a user of the same organisation.")]
    public Guid OwnerId { get; init; }
}

public sealed class AssignOwnerTool : MutationTool<AssignOwnerPayload>
{
    public override string Name => "assign_owner";
    public override string Description => "Gives a record a new owner from the same organisation, within the approver's team rules.";
    public override string Permission => ToolPermissions.AssignOwners;
    public override ToolRisk Risk => ToolRisk.Medium;
    public override bool Undoable => true;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, AssignOwnerPayload p, CancellationToken ct)
    {
        var record = await TargetRecords.LoadForChangeAsync(c, p.RecordType, p.RecordId, ct);
        if (record.OwnerId == p.OwnerId) throw new DomainRuleViolation("This record already has that owner.");
        try
        {
            await c.Access.EnsureCanAssignAsync(c.Db, p.OwnerId, ct);
        }
        catch (InputInvalid e)
        {
            throw new InputInvalid(e.Errors.ToDictionary(kv => "ownerId", kv => kv.Value));
        }
        return new ToolPlan(Name, record, p.RecordType, TargetRecords.LabelOf(record), "Assign a new owner", () =>
        {
            record.AssignOwner(p.OwnerId);
            return null;
        });
    }
}
