namespace Autonomus.Core.Agents.Communication.Email;

/// <summary>
/// Configuration section <c>Autonomus:Smtp</c>: where approved emails are sent. No host: nothing is sent and the outbox
/// keeps them queued. The password comes from the environment (<c>Autonomus__Smtp__Password</c>), never a file.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Autonomus:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>None, StartTls (the default when the server offers it: <c>Auto</c>) or SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Autonomus CRM <no-reply@autonomus.local>";
    /// <summary>Seconds to wait for the server before a temporary failure.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
