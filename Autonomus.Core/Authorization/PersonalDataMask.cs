namespace Autonomus.Core.Authorization;

/// <summary>Masks contact details for readers who audit rather than sell, and for logs.</summary>
public static class PersonalDataMask
{
    /// <summary>"ana.perez@acme.cl" → "a***@acme.cl".</summary>
    public static string? Email(string? email) =>
        email is null ? null : email.IndexOf('@') is var at and > 0 ? email[0] + "***" + email[at..] : "***";

    /// <summary>"+56 2 2345 6789" → "*** 89".</summary>
    public static string? Phone(string? phone) =>
        phone is null ? null : phone.Length > 2 ? "*** " + phone[^2..] : "***";
}
