namespace Autonomus.Core.Tenancy;

/// <summary>A row that belongs to exactly one tenant; the data layer filters and stamps it.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
