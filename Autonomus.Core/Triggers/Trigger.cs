using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Triggers;

/// <summary>
/// A condition detected on one record. At most one trigger per (tenant, type, record) is open at a time:
/// detecting the same condition again adds nothing. It closes when its suggestion is resolved.
/// </summary>
public sealed class Trigger : ITenantOwned
{
    private Trigger() { }

    public Trigger(Guid tenantId, string type, RecordType recordType, Guid recordId, string context, DateTimeOffset detectedAt, Guid correlationId)
    {
        TenantId = tenantId;
        Type = type;
        RecordType = recordType;
        RecordId = recordId;
        Context = context;
        DetectedAt = detectedAt;
        CorrelationId = correlationId;
    }

    /// <summary>A stand-in for an existing trigger, to update it without loading it (attach, then <see cref="Close"/>).</summary>
    internal static Trigger Reference(Guid id, Guid tenantId) => new() { Id = id, TenantId = tenantId };

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Type { get; private set; } = "";
    public RecordType RecordType { get; private set; }
    public Guid RecordId { get; private set; }
    /// <summary>The facts the detector saw, as a JSON object (days stagnant, last activity, stages…).</summary>
    public string Context { get; private set; } = "{}";
    public DateTimeOffset DetectedAt { get; private set; }
    /// <summary>Joins this trigger to its suggestion, the review and the apply, in logs and in the ledger.</summary>
    public Guid CorrelationId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsOpen => ClosedAt is null;

    public void Close(DateTimeOffset at) => ClosedAt ??= at;
}
