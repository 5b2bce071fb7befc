using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tools;

namespace Autonomus.Core.Agents.Compliance;

public sealed record RedactPersonalDataPayload
{
    [Required, Description("The activity (note, call, email, meeting or task) whose description holds personal data.")]
    public Guid ActivityId { get; init; }
    [Required, MinLength(1), Description("What to redact: any of rut, card, email, phone.")]
    public IReadOnlyList<string> Kinds { get; init; } = [];
}

/// <summary>
/// Replaces the personal data of the kinds named in an activity's description with markers ("[RUT]"). What was removed is
/// not kept: not in the result, not on the ledger, not in the suggestion's snapshot of the record.
/// </summary>
public sealed class RedactPersonalDataTool : MutationTool<RedactPersonalDataPayload>
{
    public override string Name => "redact_personal_data";
    public override string Description => "Redacts RUTs, card numbers, email addresses or phone numbers written in an activity's description.";
    public override string Permission => ToolPermissions.WriteActivities;
    public override ToolRisk Risk => ToolRisk.High;
    public override bool ErasesPersonalData => true;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, RedactPersonalDataPayload p, CancellationToken ct)
    {
        if (p.Kinds.FirstOrDefault(k => !PersonalData.Kinds.Contains(k)) is { } unknown)
            throw InputInvalid.For("kinds", $"'{unknown}' is not one of {string.Join(", ", PersonalData.Kinds)}.");
        var activity = await TargetRecords.LoadForChangeAsync<Activity>(c, p.ActivityId, ct);
        var redacted = activity.Body is null ? null : PersonalData.Redact(activity.Body, p.Kinds);
        if (redacted == activity.Body) throw new DomainRuleViolation("There is nothing of those kinds to redact in this activity any more.");
        return new ToolPlan(Name, activity, RecordType.Activity, TargetRecords.LabelOf(activity), $"Redact {string.Join(", ", p.Kinds)}", () =>
        {
            activity.UpdateDetails(activity.Subject, redacted, activity.DueAt);
            return null;
        });
    }
}
