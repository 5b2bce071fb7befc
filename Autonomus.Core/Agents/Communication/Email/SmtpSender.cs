using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Autonomus.Core.Agents.Communication.Email;

/// <summary>How one delivery attempt ended.</summary>
public enum DeliveryResult
{
    Sent,
    /// <summary>The server refused the recipient or the message for good (a 5xx reply).</summary>
    Rejected,
    /// <summary>The server could not be reached or answered 4xx: try again later.</summary>
    TryLater,
}

/// <summary>Sends one email over SMTP with MailKit: the message's id as its Message-Id, a List-Unsubscribe header, plain text.</summary>
public sealed class SmtpSender(SmtpOptions options)
{
    public async Task<(DeliveryResult Result, string? Error)> SendAsync(OutboundEmail email, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.MessageId = email.MessageId;
        message.Headers.Add("List-Unsubscribe", $"<mailto:{MailboxAddress.Parse(options.From).Address}?subject=unsubscribe%20{email.Id:N}>");
        message.Headers.Add("X-Autonomus-Outbox-Id", email.Id.ToString());
        message.Body = new TextPart("plain") { Text = email.Body };
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, Enum.Parse<SecureSocketOptions>(options.Security, ignoreCase: true), ct);
            if (!string.IsNullOrEmpty(options.User)) await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
            return (DeliveryResult.Sent, null);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return (DeliveryResult.Rejected, $"{(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or System.Net.Sockets.SocketException or IOException or TimeoutException
                                      or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (DeliveryResult.TryLater, e.Message);
        }
    }
}
