using System.Text.Json;
using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.CustomerRisk.Health;

/// <summary>One day of an account's health.</summary>
public sealed record HealthDay(DateOnly Day, int Score, IReadOnlyDictionary<string, JsonElement> Reasons);

/// <summary>An account's health, newest day first (the account page and <c>GET /api/v1/accounts/{id}/health</c>).</summary>
public sealed class AccountHealthQueries(ICrmDbFactory dbFactory, RecordAccess access)
{
    public async Task<IReadOnlyList<HealthDay>?> HistoryAsync(Guid accountId, int days = 90, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        if (!await access.Visible(db, db.Accounts.AsNoTracking()).AnyAsync(a => a.Id == accountId, ct)) return null;
        var rows = await db.AccountHealth.AsNoTracking().Where(h => h.AccountId == accountId).OrderByDescending(h => h.Day).Take(days).ToListAsync(ct);
        return rows.Select(h => new HealthDay(h.Day, h.Score, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(h.Reasons)!)).ToList();
    }
}
