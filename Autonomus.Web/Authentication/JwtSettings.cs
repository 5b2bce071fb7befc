namespace Autonomus.Web.Authentication;

/// <summary>Access tokens for the API and the hub (section <c>Autonomus:Jwt</c>).</summary>
public sealed class JwtSettings
{
    public const string Section = "Autonomus:Jwt";

    public string Issuer { get; set; } = "autonomus";
    public string Audience { get; set; } = "autonomus-api";

    /// <summary>
    /// A folder of ES256 (P-256) private keys in PEM, one per file; the newest file name signs, all of them validate.
    /// Empty: a key made at start and kept in memory (tokens die with the process and one node does not accept
    /// another's), which only Development allows.
    /// </summary>
    public string? KeysPath { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a user's security stamp is trusted between checks: a revoked session's access token is refused within this time.</summary>
    public TimeSpan StampCheck { get; set; } = TimeSpan.FromSeconds(30);
}
