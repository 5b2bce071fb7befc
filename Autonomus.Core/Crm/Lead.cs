using Autonomus.Core.Common;

namespace Autonomus.Core.Crm;

/// <summary>A prospective customer not yet qualified into a deal.</summary>
public sealed class Lead : CrmRecord, ITouchable
{
    private Lead() { }

    public Lead(string firstName, string lastName, string? company, LeadSource source, Guid? ownerId, DateTimeOffset createdAt)
    {
        FirstName = firstName;
        LastName = lastName;
        Company = company;
        Source = source;
        OwnerId = ownerId;
        Status = LeadStatus.New;
        StatusChangedAt = createdAt;
    }

    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string? Company { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public LeadSource Source { get; private set; }
    public LeadStatus Status { get; private set; }
    /// <summary>0–100, higher is warmer.</summary>
    public int Score { get; private set; }
    public DateTimeOffset? LastActivityAt { get; private set; }
    /// <summary>Unsubscribed from email: nothing is sent to them, whoever approves it.</summary>
    public bool EmailOptOut { get; private set; }

    public void OptOutOfEmail() => EmailOptOut = true;
    public DateTimeOffset StatusChangedAt { get; private set; }
    /// <summary>Lead Intelligence's predicted chance of converting (0–100), from the organisation's own model; null before one is trained.</summary>
    public int? PredictedScore { get; private set; }
    /// <summary>The score's top three factors (JSON list of <c>ScoreFactor</c>), written with it.</summary>
    public string? ScoreFactors { get; private set; }
    public DateTimeOffset? ScoredAt { get; private set; }
    public int? ScoreModelVersion { get; private set; }

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>A privacy erasure: the person's name becomes <paramref name="erased"/>, their email and phone go.</summary>
    public void ErasePersonalData(string erased)
    {
        (FirstName, LastName, Email, Phone) = (erased, erased, null, null);
    }

    public void UpdateDetails(string firstName, string lastName, string? company, string? email, string? phone, LeadSource source, int score)
    {
        if (score is < 0 or > 100) throw new DomainRuleViolation("A lead's score is between 0 and 100.");
        FirstName = firstName;
        LastName = lastName;
        Company = company;
        Email = email;
        Phone = phone;
        Source = source;
        Score = score;
    }

    /// <summary>Moves the lead to another status. A converted lead is final: it has become a deal.</summary>
    public void ChangeStatus(LeadStatus status, DateTimeOffset at)
    {
        if (Status == LeadStatus.Converted)
            throw new DomainRuleViolation("This lead has been converted; its status can no longer change.");
        if (Status == status)
            throw new DomainRuleViolation($"This lead is already {status}.");
        Status = status;
        StatusChangedAt = at;
    }

    public void TouchActivity(DateTimeOffset at)
    {
        if (LastActivityAt is null || at > LastActivityAt) LastActivityAt = at;
    }
}
