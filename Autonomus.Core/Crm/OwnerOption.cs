namespace Autonomus.Core.Crm;

/// <summary>The people a record can be assigned to, for pickers and filters.</summary>
public sealed record OwnerOption(Guid Id, string DisplayName, string Team);
