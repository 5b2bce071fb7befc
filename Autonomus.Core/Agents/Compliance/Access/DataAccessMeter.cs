namespace Autonomus.Core.Agents.Compliance.Access;

/// <summary>So many CRM records shown to one person or API key of one organisation on one day (UTC).</summary>
public sealed record DataAccessCount(Guid TenantId, string ActorType, Guid ActorId, DateOnly Day, int Records);

/// <summary>
/// Counts the CRM records each person and API key is shown (lists, record pages, the API), in memory on this node; the
/// data-access job drains it every minute into the organisation's daily counts (<see cref="WatchDataAccess"/>). A node
/// that dies loses at most its last minute of counts: they feed a baseline, not an audit trail. A lock, not a lock-free
/// swap, so no count lands in a dictionary already drained.
/// </summary>
public sealed class DataAccessMeter(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private Dictionary<(Guid Tenant, string ActorType, Guid Actor, DateOnly Day), int> _counts = [];

    public void Add(Guid tenantId, string actorType, Guid actorId, int records)
    {
        if (records <= 0) return;
        var key = (tenantId, actorType, actorId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        lock (_gate) _counts[key] = _counts.GetValueOrDefault(key) + records;
    }

    /// <summary>Everything counted since the last drain, emptied.</summary>
    public IReadOnlyList<DataAccessCount> Drain()
    {
        Dictionary<(Guid Tenant, string ActorType, Guid Actor, DateOnly Day), int> taken;
        lock (_gate) (taken, _counts) = (_counts, []);
        return taken.Select(c => new DataAccessCount(c.Key.Tenant, c.Key.ActorType, c.Key.Actor, c.Key.Day, c.Value)).ToList();
    }
}
