using System.Security.Cryptography;
using Autonomus.Core.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Autonomus.Web.Authentication;

/// <summary>
/// The ES256 keys that sign and validate access tokens. Rotation: add a key file whose name sorts after the current
/// one and restart every node within five minutes; the new key validates at once and signs five minutes after the
/// file appeared (<see cref="KeyFolder"/>: no node meets a token signed with a key it has not loaded), while the old one
/// still validates the tokens it signed (remove it once they have expired). The public halves are published as a JWKS.
/// </summary>
public sealed class JwtKeyRing : IDisposable
{
    private readonly List<(string Id, ECDsa Key, DateTimeOffset SignsFrom)> _keys = [];
    private readonly Dictionary<string, SigningCredentials> _signing = [];
    private readonly TimeProvider _clock;
    private IReadOnlyList<SecurityKey>? _validation;

    public JwtKeyRing(IOptions<JwtSettings> settings, IHostEnvironment environment, TimeProvider clock, ILogger<JwtKeyRing> logger)
    {
        _clock = clock;
        if (settings.Value.KeysPath is { Length: > 0 } path)
        {
            foreach (var file in KeyFolder.Read(path, ".pem", "jwt", NewKeyPem))
            {
                var key = ECDsa.Create();
                key.ImportFromPem(file.Text);
                _keys.Add((KeyId(key), key, file.SignsFrom));
            }
        }
        else
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException($"Set {JwtSettings.Section}:KeysPath to a folder for the token signing keys (./dev up uses .data/jwt).");
            logger.LogWarning("No {Section}:KeysPath: access tokens are signed with a key kept in memory and die with this process", JwtSettings.Section);
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            _keys.Add((KeyId(key), key, DateTimeOffset.MinValue));
        }
    }

    /// <summary>The newest key whose activation has come.</summary>
    public SigningCredentials SigningCredentials
    {
        get
        {
            var (id, key, _) = KeyFolder.Signer(_keys, k => k.SignsFrom, _clock.GetUtcNow());
            lock (_signing)
                return _signing.TryGetValue(id, out var made) ? made
                    : _signing[id] = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = id }, SecurityAlgorithms.EcdsaSha256);
        }
    }

    /// <summary>Made once: the validator enumerates these on every request (a fresh key object each time cost ~8 µs a request).</summary>
    public IReadOnlyList<SecurityKey> ValidationKeys => _validation ??= _keys.Select(k => (SecurityKey)new ECDsaSecurityKey(k.Key) { KeyId = k.Id }).ToList();

    /// <summary>The public keys as a JSON Web Key Set (RFC 7517), for other services that validate these tokens.</summary>
    public object Jwks() => new
    {
        keys = _keys.Select(k =>
        {
            var p = k.Key.ExportParameters(includePrivateParameters: false);
            return new { kty = "EC", crv = "P-256", use = "sig", alg = "ES256", kid = k.Id, x = Base64UrlEncoder.Encode(p.Q.X), y = Base64UrlEncoder.Encode(p.Q.Y) };
        }),
    };

    private static string KeyId(ECDsa key) => Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    private static string NewKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public void Dispose()
    {
        foreach (var (_, key, _) in _keys) key.Dispose();
    }
}
