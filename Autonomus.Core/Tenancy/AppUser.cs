using Microsoft.AspNetCore.Identity;

namespace Autonomus.Core.Tenancy;

/// <summary>A person who signs in. Belongs to one tenant and one team; roles come from Identity.</summary>
public sealed class AppUser : IdentityUser<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>The sales team ("North", "South"); empty for users outside sales.</summary>
    public string Team { get; set; } = "";
    /// <summary>The console's language this person chose ("en", "es-CL"); null follows the organisation's default.</summary>
    public string? PreferredCulture { get; set; }
    /// <summary>"system", "light" or "dark".</summary>
    public string Theme { get; set; } = Localization.UiThemes.System;
}
