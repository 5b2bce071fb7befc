using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.Communication.Email;

/// <summary>The outbox at a glance: messages by status, the latest failure, whether a server is configured.</summary>
public sealed record OutboxState(bool SmtpConfigured, IReadOnlyDictionary<EmailStatus, int> ByStatus, string? LastError, DateTimeOffset? LastSentAt);

public sealed class OutboxQueries(ICrmDbFactory dbFactory, RecordAccess access, SmtpOptions options)
{
    public async Task<OutboxState> GetAsync(CancellationToken ct = default)
    {
        if (!access.CanSeeDashboards) throw new AccessDenied("Admins, sales managers and Auditors see the outbox.");
        await using var db = await dbFactory.OpenAsync(ct);
        var counts = await db.OutboundEmails.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var lastError = await db.OutboundEmails.Where(e => e.LastError != null && e.Status != EmailStatus.Sent && e.Status != EmailStatus.Suppressed)
            .OrderByDescending(e => e.NextAttemptAt).Select(e => e.LastError).FirstOrDefaultAsync(ct);
        var lastSent = await db.OutboundEmails.MaxAsync(e => e.SentAt, ct);
        return new OutboxState(options.IsConfigured, Enum.GetValues<EmailStatus>().ToDictionary(s => s, s => counts.GetValueOrDefault(s)), lastError, lastSent);
    }
}
