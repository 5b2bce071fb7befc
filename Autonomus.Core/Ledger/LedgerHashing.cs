using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autonomus.Core.Ledger;

/// <summary>
/// The chain's arithmetic. The canonical form lists the entry's fields in a fixed order with the data's keys
/// sorted, so the same entry always hashes the same, whatever wrote it and whatever reads it back.
/// </summary>
public static class LedgerHashing
{
    public static byte[] Genesis { get; } = new byte[32];

    /// <summary>PostgreSQL keeps microseconds; hashing a finer time would not survive the round trip.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    public static byte[] Hash(LedgerEntry e)
    {
        var canonical = Canonical(e);
        var bytes = new byte[e.PreviousHash.Length + Encoding.UTF8.GetByteCount(canonical)];
        e.PreviousHash.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(canonical, 0, canonical.Length, bytes, e.PreviousHash.Length);
        return SHA256.HashData(bytes);
    }

    public static string Canonical(LedgerEntry e)
    {
        var o = new JsonObject
        {
            ["actor_id"] = e.ActorId?.ToString(),
            ["actor_name"] = e.ActorName,
            ["actor_type"] = e.ActorType,
            ["at"] = e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
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
