using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Automations;

/// <summary>Whether an automation's published version runs.</summary>
public enum AutomationState { Disabled, Enabled }

/// <summary>A version's place in the automation's life: the one being edited, the one that runs, or one kept for the record.</summary>
public enum VersionStatus { Draft, Published, Archived }

/// <summary>
/// An automation: a name and whether it runs; what it does is in its versions (<see cref="AutomationVersion"/>). At most
/// one draft and one published version at a time; publishing archives the previous one.
/// </summary>
public sealed class Automation : ITenantOwned
{
    private Automation() { }

    public Automation(Guid tenantId, string name, DateTimeOffset at)
    {
        TenantId = tenantId;
        Name = name;
        CreatedAt = at;
        UpdatedAt = at;
    }

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public AutomationState State { get; set; }
    public int? PublishedVersion { get; set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: two people publishing at once, one wins.</summary>
    public int Version { get; set; }
}

/// <summary>One version of an automation's document, immutable once written (only its status moves on).</summary>
public sealed class AutomationVersion : ITenantOwned
{
    private AutomationVersion() { }

    public AutomationVersion(Guid tenantId, Guid automationId, int number, string document, Guid? createdBy, string? note, DateTimeOffset at)
    {
        TenantId = tenantId;
        AutomationId = automationId;
        Number = number;
        Document = document;
        CreatedBy = createdBy;
        Note = note;
        CreatedAt = at;
        Status = VersionStatus.Draft;
    }

    public Guid TenantId { get; set; }
    public Guid AutomationId { get; private set; }
    public int Number { get; private set; }
    public VersionStatus Status { get; set; }
    /// <summary>The <see cref="AutomationDocument"/> as JSON.</summary>
    public string Document { get; private set; } = "{}";
    public Guid? CreatedBy { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
