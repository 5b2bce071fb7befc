using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools.Actions;

public sealed record TagRecordPayload
{
    [Required, Description("The kind of record: Lead, Deal, Contact or Account.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The id of that record.")]
    public Guid RecordId { get; init; }
    [Required, StringLength(40, MinimumLength = 1), RegularExpression("^[a-z0-9][a-z0-9-]*$"), Description("A lower-case label such as at-risk or vip.")]
    public string Tag { get; init; } = "";
}

public sealed class TagRecordTool : MutationTool<TagRecordPayload>
{
    public override string Name => "tag_record";
    public override string Description => "Adds a label (lower-case letters, digits, dashes) to a lead, deal, contact or account, e.g. at-risk.";
    public override string Permission => ToolPermissions.WriteRecords;
    public override ToolRisk Risk => ToolRisk.Low;
    public override bool Undoable => true;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, TagRecordPayload p, CancellationToken ct)
    {
        var record = await TargetRecords.LoadForChangeAsync(c, p.RecordType, p.RecordId, ct);
        var tag = Common.Tags.Normalize(p.Tag);
        if (record.Tags.Contains(tag)) throw new Common.DomainRuleViolation($"This record is already tagged '{tag}'.");
        return new ToolPlan(Name, record, p.RecordType, TargetRecords.LabelOf(record), $"Tag '{tag}'", () =>
        {
            record.AddTag(tag);
            return null;
        });
    }
}
