using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Agents.Communication.Email;

/// <summary>
/// Sends the organisation's due emails from the outbox: a batch locked with SKIP LOCKED (two nodes never take the same
/// message), each sent with its fixed Message-Id, its result recorded in the same transaction. A recipient who unsubscribed
/// since the approval is suppressed, never sent; a refused recipient is a bounce (no retry); a server down or busy is a
/// retry with backoff. Without an SMTP host nothing is sent and nothing changes.
/// </summary>
public sealed class DeliverOutbox(ICrmDbFactory dbFactory, ITenantContext tenant, SmtpOptions options, SmtpSender sender, TimeProvider clock,
    ILogger<DeliverOutbox> logger)
{
    public const int BatchSize = 20;

    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        if (!options.IsConfigured) return 0;
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("The outbox is delivered for one organisation at a time.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.OutboundEmails.FromSql($"""
            SELECT * FROM outbound_emails WHERE status = 'Queued' AND next_attempt_at <= {now} ORDER BY created_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var optedOut = await OptedOutAsync(db, due, ct);
        var sent = 0;
        foreach (var email in due)
        {
            if (optedOut.Contains(email.RecordId))
            {
                email.MarkSuppressed("The recipient unsubscribed after the email was approved: it was not sent.");
                continue;
            }
            var (result, error) = await sender.SendAsync(email, ct);
            switch (result)
            {
                case DeliveryResult.Sent: email.MarkSent(clock.GetUtcNow()); sent++; break;
                case DeliveryResult.Rejected: email.MarkBounced(error!, clock.GetUtcNow()); break;
                default: email.MarkRetry(error!, clock.GetUtcNow()); break;
            }
            if (result != DeliveryResult.Sent)
                logger.LogWarning("Email {EmailId} of tenant {Tenant}: {Result} after {Attempts} attempt(s): {Error}", email.Id, tenantId, email.Status, email.Attempts, error);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (sent > 0) logger.LogInformation("Sent {Count} emails for tenant {Tenant}", sent, tenantId);
        return sent;
    }

    private static async Task<HashSet<Guid>> OptedOutAsync(ICrmDb db, List<OutboundEmail> due, CancellationToken ct)
    {
        var ids = due.Select(e => e.RecordId).ToList();
        var contacts = await db.Contacts.Where(c => ids.Contains(c.Id) && c.EmailOptOut).Select(c => c.Id).ToListAsync(ct);
        var leads = await db.Leads.Where(l => ids.Contains(l.Id) && l.EmailOptOut).Select(l => l.Id).ToListAsync(ct);
        return [.. contacts, .. leads];
    }
}
