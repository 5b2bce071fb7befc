using Microsoft.AspNetCore.Components;

namespace Autonomus.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    /// <summary>Redirects only within this site: an absolute or protocol-relative return URL becomes a local path.</summary>
    public void RedirectTo(string? uri)
    {
        uri ??= "";
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative) || uri.StartsWith("//", StringComparison.Ordinal) || uri.StartsWith("/\\", StringComparison.Ordinal))
            uri = navigationManager.ToBaseRelativePath(navigationManager.BaseUri);
        navigationManager.NavigateTo(uri);
    }
}
