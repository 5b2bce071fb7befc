using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Agents.Communication.Email;

public enum EmailStatus
{
    /// <summary>Approved and waiting to be sent (or to be retried).</summary>
    Queued,
    Sent,
    /// <summary>The receiving server refused the recipient for good: not retried.</summary>
    Bounced,
    /// <summary>Retried until the limit without success.</summary>
    Failed,
    /// <summary>The recipient unsubscribed after it was approved: never sent.</summary>
    Suppressed,
}

/// <summary>
/// An approved email in the outbox: written in the same transaction as the approval, sent afterwards by the outbox job.
/// Its id is its idempotency key: the Message-Id it is sent with, so a retry after a crash is the same message.
/// </summary>
public sealed class OutboundEmail : ITenantOwned
{
    public const int MaxAttempts = 6;

    private OutboundEmail() { }

    public OutboundEmail(Guid tenantId, RecordType recordType, Guid recordId, string to, string subject, string body, Guid? approvedBy, DateTimeOffset at)
    {
        (TenantId, RecordType, RecordId, To, Subject, Body, ApprovedBy, CreatedAt, NextAttemptAt) = (tenantId, recordType, recordId, to, subject, body, approvedBy, at, at);
    }

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public RecordType RecordType { get; private set; }
    public Guid RecordId { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public Guid? ApprovedBy { get; private set; }
    public EmailStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>The Message-Id header: the same on every attempt.</summary>
    public string MessageId => $"{Id:N}@autonomus.local";

    public void MarkSent(DateTimeOffset at) => (Status, SentAt, Attempts, LastError) = (EmailStatus.Sent, at, Attempts + 1, null);

    public void MarkBounced(string error, DateTimeOffset at) => (Status, Attempts, LastError, NextAttemptAt) = (EmailStatus.Bounced, Attempts + 1, error, at);

    public void MarkSuppressed(string why) => (Status, LastError) = (EmailStatus.Suppressed, why);

    /// <summary>A temporary failure: retried after 1, 5, 15, 60 and 240 minutes, then given up.</summary>
    public void MarkRetry(string error, DateTimeOffset at)
    {
        Attempts++;
        LastError = error;
        if (Attempts >= MaxAttempts) Status = EmailStatus.Failed;
        else NextAttemptAt = at + Backoff[Math.Min(Attempts, Backoff.Length) - 1];
    }

    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];
}
