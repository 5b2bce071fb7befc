using Autonomus.Web.Localization;

namespace Autonomus.Web.Components.Account;

/// <summary>
/// The sign-in and security forms' validation messages, in the request's language. An attribute cannot use the page's
/// localizer, so the forms name these properties (ErrorMessageResourceType); they read the console's texts by key.
/// </summary>
public static class AccountValidationText
{
    public static string EmailRequired => Text("Account.Login.EmailRequired");
    public static string EmailInvalid => Text("Account.Login.EmailInvalid");
    public static string LoginPasswordRequired => Text("Account.Login.PasswordRequired");
    public static string PasswordRequired => Text("Account.Validation.PasswordRequired");
    public static string PasswordTooLong => Text("Account.Validation.PasswordTooLong");
    public static string CodeRequired => Text("Account.Validation.CodeRequired");
    public static string CodeFormat => Text("Account.Validation.CodeFormat");
    public static string NewPasswordRequired => Text("Account.Security.NewPasswordRequired");
    public static string NewPasswordLength => Text("Account.Security.NewPasswordLength");
    public static string RecoveryRequired => Text("Account.Recovery.Required");
    public static string RecoveryTooLong => Text("Account.Recovery.TooLong");

    private static string Text(string key) => ConsoleStringLocalizer.Text(key);
}
