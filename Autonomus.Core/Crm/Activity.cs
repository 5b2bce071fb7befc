using Autonomus.Core.Common;

namespace Autonomus.Core.Crm;

/// <summary>
/// Something done or to be done about a record: a call, an email, a meeting, a task or a note.
/// Notes are complete when written; the rest are open until completed.
/// </summary>
public sealed class Activity : CrmRecord
{
    private Activity() { }

    public Activity(ActivityType type, string subject, string? body, RecordType relatedType, Guid relatedId,
        Guid? ownerId, DateTimeOffset? dueAt, DateTimeOffset? completedAt = null)
    {
        if (string.IsNullOrWhiteSpace(subject)) throw new DomainRuleViolation("An activity needs a subject.");
        Type = type;
        Subject = subject;
        Body = body;
        RelatedType = relatedType;
        RelatedId = relatedId;
        OwnerId = ownerId;
        DueAt = dueAt;
        if (type == ActivityType.Note && completedAt is null)
            throw new DomainRuleViolation("A note is complete when it is written.");
        CompletedAt = completedAt;
    }

    public ActivityType Type { get; private set; }
    public string Subject { get; private set; } = "";
    public string? Body { get; private set; }
    public DateTimeOffset? DueAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public RecordType RelatedType { get; private set; }
    public Guid RelatedId { get; private set; }

    public bool IsCompleted => CompletedAt is not null;

    public bool IsOverdueAt(DateTimeOffset now) => !IsCompleted && DueAt is { } due && due < now;

    public void Complete(DateTimeOffset at)
    {
        if (IsCompleted) throw new DomainRuleViolation("This activity is already completed.");
        CompletedAt = at;
    }

    public void UpdateDetails(string subject, string? body, DateTimeOffset? dueAt)
    {
        if (string.IsNullOrWhiteSpace(subject)) throw new DomainRuleViolation("An activity needs a subject.");
        Subject = subject;
        Body = body;
        DueAt = dueAt;
    }
}
