using System.Globalization;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Autonomus.Web.Components.Pages.Suggestions;

public enum FieldKind { Text, LongText, Enum, DateTime, Date, Number, Boolean, Id }

/// <summary>One input of a schema-generated form, and the conversions between inputs and the JSON payload.</summary>
public sealed record SchemaField(string Name, string Label, FieldKind Kind, bool Required, string? Description, IReadOnlyList<string> Options)
{
    public static List<SchemaField> Read(JsonSchema schema) => schema.ActualProperties.Select(p =>
    {
        var (name, property) = (p.Key, p.Value);
        var type = property.ActualTypeSchema;
        var format = property.Format ?? type.Format;
        var options = type.Enumeration.Select(e => e?.ToString() ?? "").Where(e => e != "").ToList();
        var kind = options.Count > 0 ? FieldKind.Enum
            : format == "date-time" ? FieldKind.DateTime
            : format == "date" ? FieldKind.Date
            : format == "uuid" ? FieldKind.Id
            : type.Type.HasFlag(JsonObjectType.Integer) || type.Type.HasFlag(JsonObjectType.Number) ? FieldKind.Number
            : type.Type.HasFlag(JsonObjectType.Boolean) ? FieldKind.Boolean
            : (property.MaxLength ?? 0) > 500 ? FieldKind.LongText
            : FieldKind.Text;
        var label = Humanize(name) + (kind == FieldKind.DateTime ? " (UTC)" : "");
        return new SchemaField(name, label, kind, property.IsRequired, property.Description, options);
    }).ToList();

    /// <summary>The payload's values as the inputs show them (date-times as yyyy-MM-ddTHH:mm in UTC).</summary>
    public static Dictionary<string, string> ReadValues(IEnumerable<SchemaField> fields, string payload)
    {
        var json = JsonNode.Parse(payload) as JsonObject ?? [];
        var values = new Dictionary<string, string>();
        foreach (var f in fields)
        {
            var node = json[f.Name];
            if (node is null) continue;
            var raw = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
            if (f.Kind == FieldKind.DateTime && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                raw = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
            if (f.Kind == FieldKind.Boolean) raw = raw.ToLowerInvariant();
            values[f.Name] = raw;
        }
        return values;
    }

    /// <summary>The inputs as a JSON payload; what does not parse is passed on as text so the schema names the error.</summary>
    public static string WritePayload(IEnumerable<SchemaField> fields, IReadOnlyDictionary<string, string> values)
    {
        var json = new JsonObject();
        foreach (var f in fields)
        {
            if (!values.TryGetValue(f.Name, out var raw) || string.IsNullOrWhiteSpace(raw)) continue;
            json[f.Name] = f.Kind switch
            {
                FieldKind.Number when long.TryParse(raw, CultureInfo.InvariantCulture, out var n) => n,
                FieldKind.Number when decimal.TryParse(raw, CultureInfo.InvariantCulture, out var d) => d,
                FieldKind.Boolean => raw == "true",
                FieldKind.DateTime when DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                    => at.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture),
                _ => raw,
            };
        }
        return json.ToJsonString();
    }

    private static string Humanize(string name)
    {
        var words = string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
