namespace Autonomus.Core.Crm;

/// <summary>A person at an account.</summary>
public sealed class Contact : CrmRecord, ITouchable
{
    private Contact() { }

    public Contact(Guid accountId, string firstName, string lastName, Guid? ownerId)
    {
        AccountId = accountId;
        FirstName = firstName;
        LastName = lastName;
        OwnerId = ownerId;
    }

    public Guid AccountId { get; private set; }
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? Title { get; private set; }
    public DateTimeOffset? LastActivityAt { get; private set; }
    /// <summary>Unsubscribed from email: nothing is sent to them, whoever approves it.</summary>
    public bool EmailOptOut { get; private set; }

    public void OptOutOfEmail() => EmailOptOut = true;

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>A privacy erasure: the person's name becomes <paramref name="erased"/>, their email, phone and title go.</summary>
    public void ErasePersonalData(string erased)
    {
        (FirstName, LastName, Email, Phone, Title) = (erased, erased, null, null, null);
    }

    public void UpdateDetails(Guid accountId, string firstName, string lastName, string? email, string? phone, string? title)
    {
        AccountId = accountId;
        FirstName = firstName;
        LastName = lastName;
        Email = email;
        Phone = phone;
        Title = title;
    }

    public void TouchActivity(DateTimeOffset at)
    {
        if (LastActivityAt is null || at > LastActivityAt) LastActivityAt = at;
    }
}
