using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.History;

/// <summary>
/// Keeps the monthly partitions of change events and ledger entries ready a few months ahead (the database function
/// <c>ensure_month_partitions</c> makes them, and moves into its month anything that waited in the default partition).
/// </summary>
public sealed class MaintainPartitions(ICrmDbFactory dbFactory)
{
    public const int MonthsAhead = 3;

    /// <summary>Returns how many partitions it made.</summary>
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return (await db.Database.SqlQuery<int>($"""
            SELECT ensure_month_partitions('change_events', {MonthsAhead}) + ensure_month_partitions('ledger_entries', {MonthsAhead}) AS "Value"
            """).ToListAsync(ct)).Single();
    }
}
