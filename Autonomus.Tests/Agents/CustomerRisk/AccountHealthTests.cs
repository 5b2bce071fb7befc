using System.Text.Json;
using Autonomus.Core.Agents.CustomerRisk;
using Autonomus.Core.Agents.CustomerRisk.Health;
using Autonomus.Core.Apply;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Agents.CustomerRisk;

/// <summary>
/// Account health: each reason costs what it should and is named, every day is kept, the threshold raises Customer Risk;
/// and cooperation — a deal lost through an approved suggestion recomputes its account's health at once and raises
/// Customer Risk's trigger under the same correlation id, up to the depth limit.
/// </summary>
public sealed class AccountHealthTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private async Task RefreshAsync()
    {
        await using var system = pg.Services(Andes, clock: _clock);
        await system.GetRequiredService<RefreshAccountHealth>().HandleAsync();
    }

    private async Task<(int Score, JsonElement Reasons)> TodayAsync(Guid account)
    {
        var row = (await pg.RowsAsync("SELECT score, reasons::text AS reasons FROM account_health WHERE account_id = @a AND day = @d",
            ("a", account), ("d", DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime)))).Single();
        return ((int)row["score"]!, JsonDocument.Parse((string)row["reasons"]!).RootElement);
    }

    /// <summary>An account with a contact silent for <paramref name="silentDays"/>, two overdue tasks and <paramref name="lost"/> deals lost ten days ago.</summary>
    private async Task<Guid> TroubledAccountAsync(int silentDays, int lost, int previousActivities = 0)
    {
        var records = new CrmRecords(pg, Andes);
        var now = _clock.GetUtcNow();
        var account = await records.AccountAsync();
        await records.ContactAsync(account, now.AddDays(-silentDays));
        for (var i = 0; i < 2; i++) await records.ActivityAsync("Account", account, due: now.AddDays(-3 - i));
        for (var i = 0; i < previousActivities; i++) await records.ActivityAsync("Account", account, completed: now.AddDays(-40 - i));
        for (var i = 0; i < lost; i++)
            await records.DealAsync(account, "ClosedLost", now.AddDays(-10), DateOnly.FromDateTime(now.UtcDateTime.AddDays(-10)), closedAt: now.AddDays(-10));
        return account;
    }

    [Fact]
    public async Task EachReasonCostsItsShareIsNamedEveryDayIsKeptAndTheThresholdRaisesCustomerRisk()
    {
        await pg.ConfigureAsync(Andes, s => { s.AccountRiskWindowDays = 30; s.AccountRiskLostWithinDays = 90; s.AccountHealthThreshold = 50; s.MaxTriggersPerRun = 100_000; });
        var troubled = await TroubledAccountAsync(silentDays: 60, lost: 1, previousActivities: 6);
        var healthy = await new CrmRecords(pg, Andes).AccountAsync();

        await RefreshAsync();
        var (score, reasons) = await TodayAsync(troubled);
        // 100 − 30 (activity 6 → 0) − 15 (one deal lost) − 10 (two overdue) − 10 (silent 60 days: (60 − 30) / 3)
        Assert.Equal(35, score);
        Assert.Equal([6, 0], reasons.GetProperty("activity_trend").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal((1, 2, 60), (reasons.GetProperty("lost_deals").GetInt32(), reasons.GetProperty("overdue").GetInt32(), reasons.GetProperty("contact_silence").GetInt32()));
        Assert.Equal((100, "{}"), ((await TodayAsync(healthy)).Score, (await TodayAsync(healthy)).Reasons.GetRawText()));

        _clock.Advance(TimeSpan.FromDays(1));
        await RefreshAsync();
        Assert.Equal(2, await pg.CountAsync("SELECT count(*) FROM account_health WHERE account_id = @a", ("a", troubled)));

        await pg.ConfigureAsync(Andes, s => s.AccountHealthThreshold = 30);
        await pg.DetectAsync(Andes, _clock, CustomerRiskAgent.AccountUnhealthy);
        Assert.Equal(0, await pg.OpenTriggersAsync(CustomerRiskAgent.AccountUnhealthy, troubled));
        await pg.ConfigureAsync(Andes, s => s.AccountHealthThreshold = 50);
        var suggestion = await pg.SuggestionForAsync(Andes, _clock, CustomerRiskAgent.AccountUnhealthy, troubled);
        Assert.Equal(0, await pg.OpenTriggersAsync(CustomerRiskAgent.AccountUnhealthy, healthy));
        var reasoning = await pg.ScalarAsync<string>("SELECT reasoning FROM suggestions WHERE id = @id", ("id", suggestion));
        Assert.Contains("la actividad bajó de 6 a 0", reasoning);
    }

    /// <summary>A deal of the account, and an approved-to-be suggestion that closes it lost (rewritten from the detector's proposal).</summary>
    private async Task<(Guid Suggestion, Guid Trigger, Guid Correlation)> LoseDealSuggestionAsync(Guid account)
    {
        var records = new CrmRecords(pg, Andes);
        var deal = await records.DealAsync(account, "Negotiation", _clock.GetUtcNow().AddDays(-20), DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime.AddDays(20)));
        var suggestion = await pg.SuggestionForAsync(Andes, _clock, TriggerTypes.DealDecay, deal);
        await pg.ExecuteAsync("""
            UPDATE suggestions SET tool = 'update_deal_stage', payload = jsonb_build_object('dealId', record_id, 'stage', 'ClosedLost') WHERE id = @id
            """, ("id", suggestion));
        var row = (await pg.RowsAsync("SELECT trigger_id, correlation_id FROM suggestions WHERE id = @id", ("id", suggestion))).Single();
        return (suggestion, (Guid)row["trigger_id"]!, (Guid)row["correlation_id"]!);
    }

    private async Task ApproveAsync(Guid suggestion)
    {
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock);
        Assert.Equal(ApplyStatus.Applied, (await admin.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(suggestion))).Status);
    }

    [Fact]
    public async Task ALostDealRaisesCustomerRiskUnderTheSameCorrelationIdUpToTheDepthLimit()
    {
        await pg.ConfigureAsync(Andes, s => { s.AccountRiskWindowDays = 30; s.AccountRiskLostWithinDays = 90; s.AccountHealthThreshold = 50; s.MaxTriggersPerRun = 100_000; });
        // 100 − 15 (one lost) − 10 (overdue) − 20 (silent 100 days) = 55: healthy enough, until a second deal is lost.
        var account = await TroubledAccountAsync(silentDays: 100, lost: 1);
        var (losing, cause, correlation) = await LoseDealSuggestionAsync(account);

        await ApproveAsync(losing);

        Assert.Equal(40, (await TodayAsync(account)).Score);
        var raised = (await pg.RowsAsync("SELECT id, correlation_id, context::text AS context FROM triggers WHERE type = @t AND record_id = @a AND closed_at IS NULL",
            ("t", CustomerRiskAgent.AccountUnhealthy), ("a", account))).Single();
        Assert.Equal(correlation, (Guid)raised["correlation_id"]!);
        var context = JsonDocument.Parse((string)raised["context"]!).RootElement;
        Assert.Equal((1, cause), (context.GetProperty("depth").GetInt32(), context.GetProperty("caused_by").GetGuid()));
        await using (var system = pg.Services(Andes, clock: _clock))
            Assert.Equal(1, await system.GetRequiredService<ProposeSuggestions>().HandleAsync(triggerId: (Guid)raised["id"]!));
        var chain = (await pg.RowsAsync("SELECT kind FROM ledger_entries WHERE correlation_id = @c ORDER BY sequence", ("c", correlation))).Select(r => (string)r["kind"]!).ToList();
        Assert.Equal(["trigger_detected", "suggestion_created", "suggestion_approved", "action_applied", "trigger_detected", "suggestion_created"], chain);

        // A cause already three steps deep raises nothing more.
        var deep = await TroubledAccountAsync(silentDays: 100, lost: 1);
        var (deepLosing, deepCause, _) = await LoseDealSuggestionAsync(deep);
        await pg.ExecuteAsync("UPDATE triggers SET context = context || '{\"depth\": 3}' WHERE id = @id", ("id", deepCause));
        await ApproveAsync(deepLosing);
        Assert.Equal(40, (await TodayAsync(deep)).Score);
        Assert.Equal(0, await pg.OpenTriggersAsync(CustomerRiskAgent.AccountUnhealthy, deep));
    }
}
