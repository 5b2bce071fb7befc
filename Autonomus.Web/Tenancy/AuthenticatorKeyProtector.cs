using Autonomus.Data.Tenancy;
using Microsoft.AspNetCore.DataProtection;

namespace Autonomus.Web.Tenancy;

/// <summary>
/// Authenticator keys encrypted with ASP.NET data protection: its key ring lives in Autonomus:DataProtection:KeysPath
/// (./dev up: .data/keys), never in the database, so a copy of the database alone yields no second factor.
/// </summary>
public sealed class AuthenticatorKeyProtector(IDataProtectionProvider provider) : IAuthenticatorKeyProtector
{
    public const string Purpose = "Autonomus.Identity.AuthenticatorKey.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string key) => _protector.Protect(key);

    public string Unprotect(string protectedKey) => _protector.Unprotect(protectedKey);
}
