using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Autonomus.Web.Localization;

/// <summary>
/// MudBlazor's own texts (pager buttons, "Rows per page", close buttons) from the console's resources, under
/// "Mud.&lt;MudBlazor's key&gt;". A key the console does not translate is reported not found, and MudBlazor uses its
/// built-in English.
/// </summary>
public sealed class ConsoleMudLocalizer : MudLocalizer
{
    public override LocalizedString this[string key] =>
        ConsoleStringLocalizer.Resources.GetString("Mud." + key, CultureInfo.CurrentUICulture) is { } text
            ? new LocalizedString(key, text)
            : new LocalizedString(key, key, resourceNotFound: true);
}
