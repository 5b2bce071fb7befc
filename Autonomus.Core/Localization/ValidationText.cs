using System.Globalization;
using System.Resources;

namespace Autonomus.Core.Localization;

/// <summary>
/// The input rules' messages (ValidationText.resx, English and Spanish), in the reader's language: the console's
/// forms and the API's 400 answers show the same text. Used as ErrorMessageResourceType by the input classes.
/// </summary>
public static class ValidationText
{
    public static readonly ResourceManager Resources = new("Autonomus.Core.Localization.ValidationText", typeof(ValidationText).Assembly);

    public static string FirstNameRequired => Get(nameof(FirstNameRequired));
    public static string LastNameRequired => Get(nameof(LastNameRequired));
    public static string NameRequired => Get(nameof(NameRequired));
    public static string EmailRequired => Get(nameof(EmailRequired));
    public static string EmailInvalid => Get(nameof(EmailInvalid));
    public static string PhoneInvalid => Get(nameof(PhoneInvalid));
    public static string RutInvalid => Get(nameof(RutInvalid));
    public static string UrlInvalid => Get(nameof(UrlInvalid));
    public static string SubjectRequired => Get(nameof(SubjectRequired));
    public static string ContactAccountRequired => Get(nameof(ContactAccountRequired));
    public static string DealAccountRequired => Get(nameof(DealAccountRequired));
    public static string ScoreRange => Get(nameof(ScoreRange));
    public static string ProbabilityRange => Get(nameof(ProbabilityRange));
    public static string AmountRange => Get(nameof(AmountRange));
    public static string CurrencyCode => Get(nameof(CurrencyCode));
    public static string CloseDateRequired => Get(nameof(CloseDateRequired));
    public static string KeyNameRequired => Get(nameof(KeyNameRequired));
    public static string KeyExpiryRange => Get(nameof(KeyExpiryRange));
    public static string RoleRequired => Get(nameof(RoleRequired));
    public static string ActivityNeedsRecord => Get(nameof(ActivityNeedsRecord));
    public static string ActivityNeedsDueDate => Get(nameof(ActivityNeedsDueDate));
    public static string CultureUnknown => Get(nameof(CultureUnknown));
    public static string TimeZoneUnknown => Get(nameof(TimeZoneUnknown));
    public static string RejectReasonRequired => Get(nameof(RejectReasonRequired));
    public static string DeferToFuture => Get(nameof(DeferToFuture));
    public static string SettingsRequired => Get(nameof(SettingsRequired));
    public static string SettingUnknown => Get(nameof(SettingUnknown));
    /// <summary>"Between {0} and {1}."</summary>
    public static string SettingRange => Get(nameof(SettingRange));
    public static string SettingsReasonRequired => Get(nameof(SettingsReasonRequired));

    private static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
