using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Ledger;

/// <summary>Who did it: a person, an API key (<c>apikey:&lt;name&gt;</c>), an agent (named with its engine) or the system itself (a job).</summary>
public sealed record LedgerActor(string Type, Guid? Id, string Name)
{
    public static LedgerActor Agent(string engine) => new("agent", null, engine);
    public static LedgerActor System(string job) => new("system", null, job);

    public static async Task<LedgerActor> OfAsync(Crm.ICrmDb db, ITenantContext actor, string systemName, CancellationToken ct)
    {
        if (actor.ApiKeyId is { } key) return new("apikey", key, actor.DisplayName ?? "apikey");
        if (actor.UserId is not { } id) return System(systemName);
        if (actor.DisplayName is { Length: > 0 } known) return new("user", id, known);
        var name = await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return new("user", id, name ?? "(unknown user)");
    }
}
