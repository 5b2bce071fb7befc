namespace Autonomus.Core.Common;

/// <summary>
/// The record does not exist in the current tenant. Raised alike for a missing id and for another
/// tenant's id, so that a caller cannot tell the two apart.
/// </summary>
public sealed class RecordNotFound(string recordType, Guid id, string? message = null)
    : Exception(message ?? $"{recordType} {id} was not found.")
{
    public string RecordType { get; } = recordType;
    public Guid Id { get; } = id;
    /// <summary>A message for the person asking, when there is more to say than "not found" (it did not exist yet then).</summary>
    public string? Detail { get; } = message;
}
