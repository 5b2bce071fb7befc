using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tools;

namespace Autonomus.Core.Agents.Communication.Email;

public sealed record SendEmailPayload
{
    [Required, Description("Contact or Lead: who the email is for.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The id of that contact or lead.")]
    public Guid RecordId { get; init; }
    [Required, StringLength(200, MinimumLength = 1), Description("The subject line.")]
    public string Subject { get; init; } = "";
    [Required, StringLength(4000, MinimumLength = 1), Description("The message, plain text.")]
    public string Body { get; init; } = "";
}

/// <summary>
/// Queues an email to a contact or lead in the outbox (sent by the outbox job, never from the request) and logs it on the
/// record as an email activity. Never applied on its own: a person reads every email before it leaves. Refused, with the
/// reason, for someone who unsubscribed or has no valid address.
/// </summary>
public sealed class SendEmailTool : MutationTool<SendEmailPayload>
{
    public override string Name => "send_email";
    public override string Description => "Sends an email to a contact or lead (queued in the outbox, sent after approval); refused for anyone who unsubscribed.";
    public override string Permission => ToolPermissions.WriteActivities;
    public override ToolRisk Risk => ToolRisk.NeverAuto;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, SendEmailPayload p, CancellationToken ct)
    {
        if (p.RecordType is not (RecordType.Contact or RecordType.Lead)) throw InputInvalid.For("recordType", "Emails go to a contact or a lead.");
        var record = await TargetRecords.LoadForChangeAsync(c, p.RecordType, p.RecordId, ct);
        var (address, optedOut) = record switch
        {
            Contact contact => (contact.Email, contact.EmailOptOut),
            Lead lead => (lead.Email, lead.EmailOptOut),
            _ => (null, false),
        };
        if (optedOut) throw new DomainRuleViolation($"Blocked: {TargetRecords.LabelOf(record)} unsubscribed from email; nothing is sent.");
        if (!DataQuality.ContactDetails.IsEmail(address)) throw new DomainRuleViolation($"Blocked: {TargetRecords.LabelOf(record)} has no valid email address.");
        var plan = new ToolPlan(Name, record, p.RecordType, TargetRecords.LabelOf(record), $"Email '{p.Subject}'", () =>
        {
            var logged = new Activity(ActivityType.Email, p.Subject.Trim(), p.Body, p.RecordType, record.Id, record.OwnerId ?? c.Actor.UserId, null, c.Now)
                { TenantId = record.TenantId };
            ((ITouchable)record).TouchActivity(c.Now);
            c.Db.Activities.Add(logged);
            return logged;
        });
        plan.RunInTransaction((db, _) =>
        {
            db.OutboundEmails.Add(new OutboundEmail(record.TenantId, p.RecordType, record.Id, address!.Trim(), p.Subject, p.Body, c.Actor.UserId, c.Now));
            return Task.CompletedTask;
        });
        return plan;
    }
}
