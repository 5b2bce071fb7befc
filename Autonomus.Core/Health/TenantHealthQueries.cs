using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Health;

public sealed record QueueHealth(int Pending, DateTimeOffset? OldestPendingAt, int PendingOverSla, int ReviewSlaHours);

public sealed record LlmHealth(bool EnabledForTenant, DateTimeOffset? LastCallAt, string? LastOutcome, string? LastFailure,
    int CallsLast24Hours, int FailuresLast24Hours, long TokensThisMonth, int MonthlyBudget);

public sealed record LedgerHealth(DateTimeOffset? LastVerifiedAt, bool? Intact, long? EntriesVerified, long Entries);

public sealed record TenantHealth(QueueHealth Queue, LlmHealth Llm, LedgerHealth Ledger, bool KillSwitchEngaged);

/// <summary>The tenant's side of the health panel, for Admins: one aggregate statement per part, nothing loaded row by row.</summary>
public sealed class TenantHealthQueries(ICrmDbFactory dbFactory, ITenantContext tenant, RecordAccess access, TimeProvider clock)
{
    // Columns are snake_case: the context's naming convention maps these properties to them.
    private sealed record QueueRow(int Pending, DateTimeOffset? Oldest, int OverSla);
    private sealed record LlmRow(DateTimeOffset? LastAt, string? LastOutcome, string? LastFailure, int Calls, int Failures, long Tokens);

    public async Task<TenantHealth> GetAsync(CancellationToken ct = default)
    {
        access.EnsureAdmin("Only Admins see the health panel.");
        var tenantId = tenant.TenantId ?? throw new AccessDenied("No organisation.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.OpenAsync(ct);
        var settings = await AutonomySettingsReader.ReadAsync(db, tenantId, ct);

        var queue = await db.Database.SqlQuery<QueueRow>($"""
            SELECT count(*)::int AS pending, min(created_at) AS oldest,
                   count(*) FILTER (WHERE created_at < {now} - make_interval(hours => {settings.ReviewSlaHours})
                                      AND (deferred_until IS NULL OR deferred_until <= {now}))::int AS over_sla
            FROM suggestions WHERE tenant_id = {tenantId} AND status = 'Pending'
            """).SingleAsync(ct);

        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var llm = await db.Database.SqlQuery<LlmRow>($"""
            SELECT last.at AS last_at, last.outcome AS last_outcome, last.failure AS last_failure, figures.*
            FROM (SELECT count(*) FILTER (WHERE at >= {now.AddHours(-24)})::int AS calls,
                         count(*) FILTER (WHERE at >= {now.AddHours(-24)} AND outcome = 'failed')::int AS failures,
                         coalesce(sum(tokens_in + tokens_out) FILTER (WHERE at >= {monthStart}), 0)::bigint AS tokens
                  FROM llm_calls WHERE tenant_id = {tenantId} AND at >= least({monthStart}, {now.AddHours(-24)})) figures
            LEFT JOIN LATERAL (SELECT at, outcome, failure FROM llm_calls WHERE tenant_id = {tenantId} ORDER BY at DESC, id DESC LIMIT 1) last ON true
            """).SingleAsync(ct);

        var entries = await db.LedgerEntries.LongCountAsync(e => e.TenantId == tenantId, ct);
        return new TenantHealth(
            new QueueHealth(queue.Pending, queue.Oldest, queue.OverSla, settings.ReviewSlaHours),
            new LlmHealth(settings.AiEnabled, llm.LastAt, llm.LastOutcome, llm.LastFailure, llm.Calls, llm.Failures, llm.Tokens, settings.AiMonthlyTokenBudget),
            new LedgerHealth(settings.LedgerVerifiedAt, settings.LedgerVerifiedIntact, settings.LedgerVerifiedEntries, entries),
            settings.KillSwitchEngaged);
    }
}
