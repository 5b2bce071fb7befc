using System.Net.Http.Json;
using Autonomus.Core.Agents.Communication;
using Autonomus.Core.Agents.Communication.Email;
using Autonomus.Core.Apply;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Agents.DataQuality;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Agents.Communication;

/// <summary>
/// Re-engagement emails over real SMTP: drafted for a silent contact, queued in the outbox by the approval (with the email
/// logged on the contact), sent once with its fixed Message-Id; a server that is down keeps it queued with backoff and it
/// goes out once when the server is back; a refused recipient bounces; an unsubscribed contact is blocked at approval and
/// suppressed in the outbox.
/// </summary>
public sealed class EmailOutboxTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private ServiceProvider System(CaptureSmtpServer smtp) => pg.Services(Andes, clock: _clock, configure: s => s.Replace(ServiceDescriptor.Singleton(
        new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "None", From = "Ventas Andes <ventas@andes.demo>", TimeoutSeconds = 5 })));

    private async Task<int> DeliverAsync(CaptureSmtpServer smtp)
    {
        await using var system = System(smtp);
        return await system.GetRequiredService<DeliverOutbox>().HandleAsync();
    }

    /// <summary>A contact silent since June, and the re-engagement email proposed for it.</summary>
    private async Task<(Guid Contact, Guid Suggestion)> SilentContactAsync(string first, string email)
    {
        await pg.ConfigureAsync(Andes, s => { s.MaxTriggersPerRun = 100_000; s.ReengagementDays = 60; });
        var records = new DataQualityRecords(pg, Andes);
        var contact = await records.ContactAsync(await records.AccountAsync($"Cuenta de {first}"), first, "Reyes", email);
        return (contact, await pg.SuggestionForAsync(Andes, _clock, CommunicationAgent.ContactReengagement, contact));
    }

    private async Task<ApplyOutcome> ApproveAsync(Guid suggestion)
    {
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock);
        return await admin.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(suggestion));
    }

    private Task<string> StatusAsync(Guid contact) => pg.ScalarAsync<string>("SELECT status FROM outbound_emails WHERE record_id = @c", ("c", contact));

    [Fact]
    public async Task AnApprovedReengagementEmailIsSentOnceOverSmtpWithItsHeadersAndLoggedOnTheContact()
    {
        await using var smtp = await CaptureSmtpServer.StartAsync();
        var (contact, suggestion) = await SilentContactAsync("Paula", "paula.reyes@minera.cl");
        var proposed = (await pg.RowsAsync("SELECT tool, reasoning FROM suggestions WHERE id = @id", ("id", suggestion))).Single();
        Assert.Equal("send_email", proposed["tool"]);
        Assert.Contains("se envía solo cuando lo apruebas", (string)proposed["reasoning"]!);

        Assert.Equal(ApplyStatus.Applied, (await ApproveAsync(suggestion)).Status);
        Assert.Equal("Queued", await StatusAsync(contact));
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @c AND type = 'Email'", ("c", contact)));
        Assert.Empty(smtp.Received); // nothing leaves from the request

        Assert.Equal(1, await DeliverAsync(smtp));
        var message = Assert.Single(smtp.Received);
        var id = await pg.ScalarAsync<Guid>("SELECT id FROM outbound_emails WHERE record_id = @c", ("c", contact));
        Assert.Equal("paula.reyes@minera.cl", message.To.Mailboxes.Single().Address);
        Assert.Equal("ventas@andes.demo", message.From.Mailboxes.Single().Address);
        Assert.Equal("Paula, ¿cómo van las cosas?", message.Subject);
        Assert.Equal($"{id:N}@autonomus.local", message.MessageId);
        Assert.Contains("unsubscribe", message.Headers["List-Unsubscribe"]);
        Assert.StartsWith("Hola Paula:", message.TextBody);
        Assert.Equal("Sent", await StatusAsync(contact));

        Assert.Equal(0, await DeliverAsync(smtp));
        Assert.Single(smtp.Received);

        // The Communication card's figures, over HTTP.
        await using var app = new AppFactory(pg.Db.AppConnection);
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        var outbox = await (await manager.GetAsync("/api/v1/agents/communication/outbox")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(outbox.GetProperty("byStatus").GetProperty("Sent").GetInt32() >= 1);
    }

    [Fact]
    public async Task ADownServerKeepsTheEmailQueuedWithBackoffAndItGoesOutOnceWhenTheServerIsBack()
    {
        await using var smtp = await CaptureSmtpServer.StartAsync();
        var (contact, suggestion) = await SilentContactAsync("Tomás", "tomas.reyes@forestal.cl");
        Assert.Equal(ApplyStatus.Applied, (await ApproveAsync(suggestion)).Status);
        await smtp.StopAsync();

        Assert.Equal(0, await DeliverAsync(smtp));
        var queued = (await pg.RowsAsync("SELECT status, attempts, next_attempt_at, last_error FROM outbound_emails WHERE record_id = @c", ("c", contact))).Single();
        Assert.Equal(("Queued", 1), ((string)queued["status"]!, (int)queued["attempts"]!));
        Assert.Equal(_clock.GetUtcNow().AddMinutes(1), new DateTimeOffset((DateTime)queued["next_attempt_at"]!, TimeSpan.Zero));
        Assert.NotNull(queued["last_error"]);

        await smtp.StartAgainAsync();
        Assert.Equal(0, await DeliverAsync(smtp)); // not due yet
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await DeliverAsync(smtp));
        Assert.Single(smtp.Received, m => m.To.Mailboxes.Single().Address == "tomas.reyes@forestal.cl");
        Assert.Equal(0, await DeliverAsync(smtp));
        Assert.Equal(("Sent", 2), (await StatusAsync(contact), await pg.ScalarAsync<int>("SELECT attempts FROM outbound_emails WHERE record_id = @c", ("c", contact))));
    }

    [Fact]
    public async Task ARefusedRecipientBouncesAndAnUnsubscribedContactIsBlockedAtApprovalOrSuppressedInTheOutbox()
    {
        await using var smtp = await CaptureSmtpServer.StartAsync();
        var (bouncing, toBounce) = await SilentContactAsync("Rocío", "bounce.rocio@mineria.cl");
        Assert.Equal(ApplyStatus.Applied, (await ApproveAsync(toBounce)).Status);
        Assert.Equal(0, await DeliverAsync(smtp));
        Assert.Equal("Bounced", await StatusAsync(bouncing));
        _clock.Advance(TimeSpan.FromHours(6));
        Assert.Equal(0, await DeliverAsync(smtp));
        Assert.Equal(1, await pg.ScalarAsync<int>("SELECT attempts FROM outbound_emails WHERE record_id = @c", ("c", bouncing)));

        var (blocked, toBlock) = await SilentContactAsync("Ignacio", "ignacio.reyes@vina.cl");
        await pg.ExecuteAsync("UPDATE contacts SET email_opt_out = true WHERE id = @c", ("c", blocked));
        var refused = await ApproveAsync(toBlock);
        Assert.Equal(ApplyStatus.Refused, refused.Status);
        Assert.Contains("unsubscribed from email", refused.Message);
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM outbound_emails WHERE record_id = @c", ("c", blocked)));

        var (late, toSuppress) = await SilentContactAsync("Josefa", "josefa.reyes@lacteos.cl");
        Assert.Equal(ApplyStatus.Applied, (await ApproveAsync(toSuppress)).Status);
        await pg.ExecuteAsync("UPDATE contacts SET email_opt_out = true WHERE id = @c", ("c", late));
        await DeliverAsync(smtp);
        Assert.Equal("Suppressed", await StatusAsync(late));
        Assert.DoesNotContain(smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == "josefa.reyes@lacteos.cl"));
        // And a contact who unsubscribed is not even raised.
        var records = new DataQualityRecords(pg, Andes);
        var unsubscribed = await records.ContactAsync(await records.AccountAsync("Cuenta de Marta"), "Marta", "Reyes", "marta.reyes@pesca.cl");
        await pg.ExecuteAsync("UPDATE contacts SET email_opt_out = true WHERE id = @c", ("c", unsubscribed));
        await pg.DetectAsync(Andes, _clock, CommunicationAgent.ContactReengagement);
        Assert.Equal(0, await pg.OpenTriggersAsync(CommunicationAgent.ContactReengagement, unsubscribed));
    }
}
