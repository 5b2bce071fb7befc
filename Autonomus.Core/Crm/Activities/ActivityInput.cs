using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Localization;

namespace Autonomus.Core.Crm.Activities;

public sealed class ActivityInput : IValidatableObject
{
    public ActivityType Type { get; set; } = ActivityType.Call;

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.SubjectRequired)), StringLength(200)]
    public string Subject { get; set; } = "";

    [StringLength(4000)]
    public string? Body { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Logged as already done (a call that happened) rather than planned. Notes are always done.</summary>
    public bool Done { get; set; } = true;

    public RecordType RelatedType { get; set; }
    public Guid RelatedId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RelatedId == Guid.Empty)
            yield return new ValidationResult(ValidationText.ActivityNeedsRecord, [nameof(RelatedId)]);
        if (!Done && Type != ActivityType.Note && DueAt is null)
            yield return new ValidationResult(ValidationText.ActivityNeedsDueDate, [nameof(DueAt)]);
    }
}
