using System.Text.Json;
using System.Text.Json.Serialization;
using Autonomus.Core.Common;
using NJsonSchema;
using NJsonSchema.Generation;

namespace Autonomus.Core.Tools;

/// <summary>
/// Payloads are JSON with camelCase names and enums by name. The schema is generated from the payload type
/// (its DataAnnotations and descriptions), so the schema, the validator and the C# type cannot drift apart.
/// </summary>
public static class ToolPayloads
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonSchema SchemaFor<T>() => JsonSchema.FromType<T>(new SystemTextJsonSchemaGeneratorSettings
    {
        SerializerOptions = Json,
        SchemaType = SchemaType.JsonSchema,
        DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull,
        GenerateAbstractProperties = false,
        FlattenInheritanceHierarchy = true,
        AllowReferencesWithProperties = false,
        TypeMappers =
        {
            new NJsonSchema.Generation.TypeMappers.PrimitiveTypeMapper(typeof(Guid), s => { s.Type = JsonObjectType.String; s.Format = "uuid"; }),
            // A free-form JSON object (an automation step's templated payload), not the collection of pairs it also is.
            new NJsonSchema.Generation.TypeMappers.PrimitiveTypeMapper(typeof(System.Text.Json.Nodes.JsonObject), s => s.Type = JsonObjectType.Object),
        },
    });

    /// <summary>Checks <paramref name="json"/> against the schema, then reads it; every failure names its field.</summary>
    public static T Read<T>(JsonSchema schema, string json)
    {
        ICollection<NJsonSchema.Validation.ValidationError> errors;
        try
        {
            errors = schema.Validate(json);
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or JsonException)
        {
            throw InputInvalid.For("", "The payload is not valid JSON.");
        }
        if (errors.Count > 0) throw new InputInvalid(Describe(errors));
        var payload = JsonSerializer.Deserialize<T>(json, Json) ?? throw InputInvalid.For("", "The payload is empty.");
        InputInvalid.ThrowIfInvalid(payload);
        return payload;
    }

    /// <summary>Schema errors as messages per field (nested errors of nullable or one-of fields flattened).</summary>
    public static Dictionary<string, string[]> Describe(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        Flatten(errors).GroupBy(FieldOf).ToDictionary(g => g.Key, g => g.Select(Describe).Distinct().ToArray());

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e switch
        {
            NJsonSchema.Validation.ChildSchemaValidationError c => Flatten(c.Errors.SelectMany(kv => kv.Value)).DefaultIfEmpty(e),
            NJsonSchema.Validation.MultiTypeValidationError m => Flatten(m.Errors.SelectMany(kv => kv.Value)).DefaultIfEmpty(e),
            _ => [e],
        });

    public static string Write<T>(T payload) => JsonSerializer.Serialize(payload, Json);

    private static string FieldOf(NJsonSchema.Validation.ValidationError e) =>
        e.Property ?? (e.Path?.TrimStart('#', '/') ?? "");

    private static string Describe(NJsonSchema.Validation.ValidationError e) => e.Kind switch
    {
        NJsonSchema.Validation.ValidationErrorKind.PropertyRequired => "Required.",
        NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed => "Not a field of this action.",
        NJsonSchema.Validation.ValidationErrorKind.NotInEnumeration => "Not one of the allowed values.",
        NJsonSchema.Validation.ValidationErrorKind.StringTooLong => $"At most {e.Schema?.MaxLength} characters.",
        NJsonSchema.Validation.ValidationErrorKind.StringTooShort => e.Schema?.MinLength is 1 ? "Required." : $"At least {e.Schema?.MinLength} characters.",
        NJsonSchema.Validation.ValidationErrorKind.DateTimeExpected => "Expected a date and time, e.g. 2026-11-25T10:00:00Z.",
        NJsonSchema.Validation.ValidationErrorKind.DateExpected => "Expected a date, e.g. 2026-11-25.",
        NJsonSchema.Validation.ValidationErrorKind.GuidExpected or NJsonSchema.Validation.ValidationErrorKind.UuidExpected => "Expected an id.",
        NJsonSchema.Validation.ValidationErrorKind.StringExpected => "Expected text.",
        NJsonSchema.Validation.ValidationErrorKind.PatternMismatch => "Not in the expected form.",
        NJsonSchema.Validation.ValidationErrorKind.NumberTooBig => "Too large.",
        NJsonSchema.Validation.ValidationErrorKind.NumberTooSmall => "Too small.",
        _ => $"Invalid ({e.Kind}).",
    };
}
