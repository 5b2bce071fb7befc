namespace Autonomus.Core.Common;

/// <summary>Someone else saved the record after it was loaded; the write was refused.</summary>
public sealed class StaleRecord(string recordType, Guid id)
    : Exception($"This {recordType.ToLowerInvariant()} was changed by someone else after you opened it. Reload it and apply your change again.")
{
    public string RecordType { get; } = recordType;
    public Guid Id { get; } = id;
}
