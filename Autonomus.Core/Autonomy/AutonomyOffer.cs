using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Autonomy;

public enum OfferStatus
{
    Pending,
    Approved,
    Rejected,
    /// <summary>The action stopped qualifying, or its policy changed, before an Admin decided.</summary>
    Withdrawn,
}

/// <summary>
/// An action that has earned autonomy, offered to the organisation's Admins in the queue: the evidence when it was offered
/// (decisions, acceptance, its lower bound, shadow precision, the 30-day dry run) and the policy it would get. Only a
/// person approves it; one pending offer per agent × action.
/// </summary>
public sealed class AutonomyOffer : ITenantOwned
{
    private AutonomyOffer() { }

    public AutonomyOffer(Guid tenantId, string agent, string action, int fromVersion, string evidence, DateTimeOffset at) =>
        (TenantId, Agent, Action, FromVersion, Evidence, CreatedAt, Status) = (tenantId, agent, action, fromVersion, evidence, at, OfferStatus.Pending);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Agent { get; private set; } = "";
    public string Action { get; private set; } = "";
    /// <summary>The policy version the offer was made against: approving it after the policy moved on is refused.</summary>
    public int FromVersion { get; private set; }
    /// <summary>The numbers behind the offer (JSON: decisions, accepted, lower bound, shadow precision, dry run).</summary>
    public string Evidence { get; private set; } = "{}";
    public OfferStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Note { get; private set; }

    public void Decide(bool approve, Guid by, string? note, DateTimeOffset at)
    {
        if (Status != OfferStatus.Pending) throw new DomainRuleViolation("This offer has already been decided.");
        if (!approve && string.IsNullOrWhiteSpace(note)) throw new DomainRuleViolation("Say why you decline.");
        Status = approve ? OfferStatus.Approved : OfferStatus.Rejected;
        DecidedBy = by;
        DecidedAt = at;
        Note = note?.Trim();
    }

    public void Withdraw(string why, DateTimeOffset at)
    {
        if (Status != OfferStatus.Pending) return;
        Status = OfferStatus.Withdrawn;
        DecidedAt = at;
        Note = why;
    }
}
