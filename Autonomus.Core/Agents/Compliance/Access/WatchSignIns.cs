using Autonomus.Core.Alerts;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Agents.Compliance.Access;

/// <summary>
/// Compliance &amp; Security's watch on sign-ins when a GeoIP source is configured: each person's countries are kept (one
/// UPSERT); a sign-in from a country the person never signed in from before — when they have signed in from another —
/// is reported: a ledger entry and an alert to the Admins. A paused agent keeps the countries and reports nothing.
/// </summary>
public sealed class WatchSignIns(ICrmDbFactory dbFactory, ITenantContext tenant, LedgerWriter ledger, TimeProvider clock, ILogger<WatchSignIns> logger)
{
    private sealed record Seen(bool IsNew, int Before, string? Name);

    /// <returns>True when the sign-in was reported as from a new country.</returns>
    public async Task<bool> HandleAsync(Guid userId, string country, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A sign-in is watched for one organisation at a time.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // xmax = 0 on the returned row: it was inserted, not updated (the person's first sign-in from this country).
        var seen = (await db.Database.SqlQuery<Seen>($"""
            WITH before AS (SELECT count(*)::int AS n FROM sign_in_countries WHERE tenant_id = {tenantId} AND user_id = {userId}),
                 upsert AS (
                     INSERT INTO sign_in_countries (tenant_id, user_id, country, first_seen_at, last_seen_at)
                     VALUES ({tenantId}, {userId}, {country}, {now}, {now})
                     ON CONFLICT (tenant_id, user_id, country) DO UPDATE SET last_seen_at = excluded.last_seen_at
                     RETURNING xmax = 0 AS is_new)
            SELECT upsert.is_new, before.n AS before, (SELECT display_name FROM users WHERE id = {userId}) AS name FROM upsert, before
            """).ToListAsync(ct)).Single();
        var report = seen.IsNew && seen.Before > 0
            && !await ManageAgents.IsPausedAsync(db, AgentNames.Compliance, ct);
        if (report)
        {
            await ledger.AppendAsync(db, tenantId,
            [
                new LedgerDraft(LedgerKinds.SignInNewCountry, "agent", null, AgentNames.Compliance, "user", userId, Guid.CreateVersion7(),
                    CanonicalJson.Serialize(new { user = seen.Name, country, countries_before = seen.Before })),
            ], ct);
            await AlertNotifier.NotifyAsync(db, new Alert(AlertKinds.SignInNewCountry, tenantId, By: seen.Name, Reason: country, At: now), ct);
            logger.LogWarning("Sign-in from a new country in tenant {Tenant}: user {User} from {Country}", tenantId, userId, country);
        }
        await tx.CommitAsync(ct);
        return report;
    }
}
