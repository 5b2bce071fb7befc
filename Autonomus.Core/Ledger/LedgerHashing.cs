using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autonomus.Core.Ledger;

/// <summary>
/// The chain's arithmetic. Version 1 (entries written before the database computed the chain) hashes a canonical JSON
/// of the entry. Version 2 is computed by <c>ledger_append</c> in the database and re-computed here: each field as
/// <c>{UTF-8 byte length}:{text}</c> in a fixed order (unambiguous, and the same bytes in SQL and C#). Version 3 is the
/// same with the data replaced by its SHA-256 digest (kept beside it): a privacy erasure may then replace personal values
/// in the data without breaking the chain. The authentication code (<see cref="MacInput"/>) covers the same fields
/// without the sequence and the link, plus a nonce.
/// </summary>
public static class LedgerHashing
{
    public const int CurrentVersion = 3;

    public static byte[] Genesis { get; } = new byte[32];

    public static string FormatAt(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    public static byte[] Hash(LedgerEntry e) => e.HashVersion switch
    {
        1 => HashV1(e),
        2 => HashOf(e.PreviousHash, "v2|" + Fields(e.TenantId, e.Sequence.ToString(CultureInfo.InvariantCulture), e, e.Data)),
        _ => HashOf(e.PreviousHash, "v3|" + Fields(e.TenantId, e.Sequence.ToString(CultureInfo.InvariantCulture), e, DigestText(e.DataDigest ?? []))),
    };

    /// <summary>SHA-256 of an entry's data, the UTF-8 bytes the database hashes too.</summary>
    public static byte[] DigestOf(string data) => SHA256.HashData(Encoding.UTF8.GetBytes(data));

    /// <summary>How a digest stands for the data in the hashed and authenticated text.</summary>
    public static string DigestText(byte[] digest) => "sha256:" + Convert.ToHexStringLower(digest);

    /// <summary>
    /// Whether the data is what was written (version 3: it matches its digest). An entry a privacy erasure redacted no
    /// longer does, by design: the erasure's own entry names it, and the chain over digests still holds.
    /// </summary>
    public static bool DataIntact(LedgerEntry e) =>
        e.HashVersion < 3 || e.RedactedAt is not null || (e.DataDigest is { } d && DigestOf(e.Data).AsSpan().SequenceEqual(d));

    /// <summary>What the app's key authenticates: who, what, when and a nonce; not the place in the chain, which the database assigns.</summary>
    public static byte[] MacInput(Guid tenantId, string kind, string actorType, Guid? actorId, string actorName, string subjectType, Guid subjectId,
        Guid correlationId, string data, DateTimeOffset at, string nonce) =>
        Encoding.UTF8.GetBytes("mac-v1|" + string.Concat(new[]
        {
            tenantId.ToString(), kind, actorType, actorId?.ToString() ?? "", actorName, subjectType, subjectId.ToString(), correlationId.ToString(), FormatAt(at), data, nonce,
        }.Select(Field)));

    /// <summary>Version 3 authenticates the data's digest (see <see cref="DigestText"/>), earlier versions the data.</summary>
    public static byte[] MacInput(LedgerEntry e) => MacInput(e.TenantId, e.Kind, e.ActorType, e.ActorId, e.ActorName, e.SubjectType, e.SubjectId,
        e.CorrelationId, e.HashVersion >= 3 ? DigestText(e.DataDigest ?? []) : e.Data, e.At, e.Nonce ?? "");

    private static string Fields(Guid tenantId, string sequence, LedgerEntry e, string data) => string.Concat(new[]
    {
        tenantId.ToString(), sequence, e.Kind, e.ActorType, e.ActorId?.ToString() ?? "", e.ActorName, e.SubjectType, e.SubjectId.ToString(),
        e.CorrelationId.ToString(), FormatAt(e.At), data,
    }.Select(Field));

    private static string Field(string value) => $"{Encoding.UTF8.GetByteCount(value)}:{value}";

    private static byte[] HashOf(byte[] previous, string canonical)
    {
        var bytes = new byte[previous.Length + Encoding.UTF8.GetByteCount(canonical)];
        previous.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(canonical, 0, canonical.Length, bytes, previous.Length);
        return SHA256.HashData(bytes);
    }

    /// <summary>PostgreSQL keeps microseconds; hashing a finer time would not survive the round trip.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    private static byte[] HashV1(LedgerEntry e) => HashOf(e.PreviousHash, CanonicalV1(e));

    private static string CanonicalV1(LedgerEntry e)
    {
        var o = new JsonObject
        {
            ["actor_id"] = e.ActorId?.ToString(),
            ["actor_name"] = e.ActorName,
            ["actor_type"] = e.ActorType,
            ["at"] = FormatAt(e.At),
            ["correlation_id"] = e.CorrelationId.ToString(),
            ["data"] = CanonicalJson.Parse(e.Data),
            ["kind"] = e.Kind,
            ["sequence"] = e.Sequence,
            ["subject_id"] = e.SubjectId.ToString(),
            ["subject_type"] = e.SubjectType,
            ["tenant_id"] = e.TenantId.ToString(),
        };
        return o.ToJsonString();
    }
}

/// <summary>JSON with object keys sorted (ordinal) at every depth and no whitespace.</summary>
public static class CanonicalJson
{
    public static string Serialize<T>(T value) => Sort(JsonSerializer.SerializeToNode(value, Options))?.ToJsonString() ?? "null";

    public static string Normalize(string json) => Parse(json)?.ToJsonString() ?? "null";

    public static JsonNode? Parse(string json) => Sort(JsonNode.Parse(json));

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(v => Sort(v?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
