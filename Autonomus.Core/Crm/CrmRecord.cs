using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Crm;

/// <summary>
/// What every CRM record shares. <see cref="Version"/> is the optimistic-concurrency token: the data
/// layer increments it on every update and refuses a write made against an older version.
/// Timestamps are set by the data layer from <see cref="TimeProvider"/>.
/// </summary>
public abstract class CrmRecord : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid? OwnerId { get; protected set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>
    /// When the record was archived (by a person, with a reason, or merged into another): it leaves every list, search and
    /// detector but is kept, with its history, and can be brought back (<see cref="Unarchive"/>) unless it was merged.
    /// </summary>
    public DateTimeOffset? ArchivedAt { get; private set; }
    public Guid? MergedIntoId { get; private set; }
    /// <summary>Why a person archived it ("duplicate of the March import", "customer left").</summary>
    public string? ArchiveReason { get; private set; }

    /// <summary>How long a reason (to archive, to hold) may be.</summary>
    public const int ReasonMaxLength = 500;

    /// <summary>An Admin's legal hold: while set, the record's personal data cannot be erased (a dispute, an audit, a court order).</summary>
    public bool LegalHold { get; private set; }
    public string? LegalHoldReason { get; private set; }

    public void PlaceLegalHold(string reason)
    {
        var why = Reason(reason, "Say why the record is held.");
        LegalHold = true;
        LegalHoldReason = why;
    }

    /// <summary>A person's reason, trimmed: required, and at most <see cref="ReasonMaxLength"/> characters.</summary>
    private static string Reason(string? reason, string whenMissing)
    {
        var why = reason?.Trim() ?? "";
        if (why.Length == 0) throw Common.InputInvalid.For("reason", whenMissing);
        if (why.Length > ReasonMaxLength) throw Common.InputInvalid.For("reason", $"At most {ReasonMaxLength} characters.");
        return why;
    }

    public void LiftLegalHold()
    {
        if (!LegalHold) throw new Common.DomainRuleViolation("This record is not under legal hold.");
        LegalHold = false;
        LegalHoldReason = null;
    }

    public void Archive(string reason, DateTimeOffset at)
    {
        if (ArchivedAt is not null) throw new Common.DomainRuleViolation("This record is already archived.");
        var why = Reason(reason, "Say why the record is archived.");
        ArchivedAt = at;
        ArchiveReason = why;
    }

    /// <summary>Brings an archived record back into the lists. A merged record stays archived: its data lives on in the one it was merged into.</summary>
    public void Unarchive()
    {
        if (ArchivedAt is null) throw new Common.DomainRuleViolation("This record is not archived.");
        if (MergedIntoId is not null) throw new Common.DomainRuleViolation("This record was merged into another one; it stays archived (open the record it was merged into).");
        ArchivedAt = null;
        ArchiveReason = null;
    }

    /// <summary>Free labels ("at-risk", "vip"), lower-case, each at most once.</summary>
    public List<string> Tags { get; private set; } = [];

    public void AssignOwner(Guid? ownerId) => OwnerId = ownerId;

    /// <summary>Archives this record as merged into <paramref name="survivor"/> (of the same kind, still live).</summary>
    public void ArchiveAsMergedInto(CrmRecord survivor, DateTimeOffset at)
    {
        if (ArchivedAt is not null) throw new Common.DomainRuleViolation("This record is already archived.");
        if (survivor.Id == Id || survivor.GetType() != GetType()) throw new Common.DomainRuleViolation("A record merges into another record of its kind.");
        if (survivor.ArchivedAt is not null) throw new Common.DomainRuleViolation("The record to keep is archived.");
        ArchivedAt = at;
        MergedIntoId = survivor.Id;
    }

    public void AddTag(string tag)
    {
        var normal = Common.Tags.Normalize(tag);
        if (Tags.Contains(normal)) throw new Common.DomainRuleViolation($"This record is already tagged '{normal}'.");
        Tags = [.. Tags, normal];
    }

    public void RemoveTag(string tag)
    {
        var normal = Common.Tags.Normalize(tag);
        if (!Tags.Contains(normal)) throw new Common.DomainRuleViolation($"This record is not tagged '{normal}'.");
        Tags = [.. Tags.Where(t => t != normal)];
    }
}
