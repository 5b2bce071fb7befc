using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools.Actions;

public sealed record AddNotePayload
{
    [Required, Description("The kind of record the note is about: Lead, Deal, Contact or Account.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The id of that record.")]
    public Guid RecordId { get; init; }
    [StringLength(200), Description("A title, optional; defaults to the note's first words.")]
    public string? Subject { get; init; }
    [Required, StringLength(4000, MinimumLength = 1), Description("The note.")]
    public string Body { get; init; } = "";
}

public sealed class AddNoteTool : MutationTool<AddNotePayload>
{
    public override string Name => "add_note";
    public override string Description => "Adds a note to a lead, deal, contact or account. A note is complete when written.";
    public override string Permission => ToolPermissions.WriteActivities;
    public override ToolRisk Risk => ToolRisk.Low;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, AddNotePayload p, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(p.Body)) throw InputInvalid.For("body", "Write the note.");
        var record = await ActivityTargets.LoadAsync(c, p.RecordType, p.RecordId, ct);
        var subject = Text.Blank(p.Subject) ?? FirstWords(p.Body);
        return new ToolPlan(Name, record, p.RecordType, TargetRecords.LabelOf(record), $"Note: {subject}", () =>
        {
            var note = new Activity(ActivityType.Note, subject, p.Body.Trim(), p.RecordType, p.RecordId,
                c.Actor.UserId ?? record.OwnerId, null, c.Now) { TenantId = record.TenantId };
            c.Db.Activities.Add(note);
            return note;
        });
    }

    private static string FirstWords(string body)
    {
        var line = body.Trim().Split('\n')[0].Trim();
        return line.Length <= 60 ? line : line[..57] + "…";
    }
}
