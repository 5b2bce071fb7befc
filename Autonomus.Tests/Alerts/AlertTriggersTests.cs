using System.Text.Json;
using Autonomus.Core.Alerts;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Tests.Alerts;

/// <summary>
/// What the database announces on the alert channel, heard by a plain LISTEN: at commit, never on rollback, small
/// enough for NOTIFY whatever the batch, and each SLA breach once.
/// </summary>
public sealed class AlertTriggersTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;

    internal sealed class Listener : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly List<Alert> _heard = [];
        private static readonly Autonomus.Core.Ledger.LedgerKeyRing TestKeys = new([Convert.FromBase64String(TestDatabase.LedgerKey)]);

        private Listener(NpgsqlConnection connection)
        {
            _connection = connection;
            // The database signs what alert_notify sends (AuthenticatedAlerts): verified here as the app's listener does.
            connection.Notification += (_, e) =>
            {
                lock (_heard) _heard.Add(Alert.TryParse(AlertSignature.Verify(e.Payload, TestKeys) ?? throw new JsonException("unsigned: " + e.Payload)) ?? throw new JsonException(e.Payload));
            };
        }

        public static async Task<Listener> StartAsync(PostgresFixture pg)
        {
            var connection = new NpgsqlConnection(pg.Db.OwnerConnection);
            await connection.OpenAsync();
            await using (var listen = new NpgsqlCommand($"LISTEN {Alert.Channel}", connection)) await listen.ExecuteNonQueryAsync();
            return new Listener(connection);
        }

        /// <summary>Everything heard within <paramref name="wait"/> (notifications arrive on the connection's next read).</summary>
        public async Task<List<Alert>> HeardAsync(TimeSpan? wait = null)
        {
            var until = DateTime.UtcNow + (wait ?? TimeSpan.FromMilliseconds(500));
            while (DateTime.UtcNow < until) await _connection.WaitAsync(TimeSpan.FromMilliseconds(50));
            lock (_heard) return [.. _heard];
        }

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }

    private async Task<Guid> PendingSuggestionAsync(string ownerEmail)
    {
        var clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
        var lead = await new CrmRecords(pg, Andes).LeadAsync(clock.GetUtcNow().AddDays(-30), owner: await pg.UserIdAsync(ownerEmail));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        return await pg.SuggestionForAsync(Andes, clock, TriggerTypes.LeadStagnant, lead);
    }

    [Fact]
    public async Task WhatAPolicyAppliesIsAnnouncedToTheRolesItNames()
    {
        await using var listener = await Listener.StartAsync(pg);
        // Unset: the owning team's managers (and the Admins) are told.
        await Autonomy.Governed.Governance.SetPolicyAsync(pg, new Autonomus.Core.Policies.PolicyRules(Autonomus.Core.Policies.PolicyMode.AutoWithUndo));
        var toTeam = await PendingSuggestionAsync("rep1@andes.demo");
        // The Admins alone.
        await Autonomy.Governed.Governance.SetPolicyAsync(pg, new Autonomus.Core.Policies.PolicyRules(Autonomus.Core.Policies.PolicyMode.AutoWithUndo,
            NotifyRoles: [Autonomus.Core.Tenancy.Roles.Admin]));
        var toAdmins = await PendingSuggestionAsync("rep1@andes.demo");
        // Nobody.
        await Autonomy.Governed.Governance.SetPolicyAsync(pg, new Autonomus.Core.Policies.PolicyRules(Autonomus.Core.Policies.PolicyMode.AutoWithUndo, NotifyRoles: []));
        var silent = await PendingSuggestionAsync("rep1@andes.demo");
        await Autonomy.Governed.Governance.SetPolicyAsync(pg, Autonomus.Core.Policies.PolicyRules.Default);

        Assert.All([toTeam, toAdmins, silent], id => Assert.Equal("Applied", pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id)).Result));
        var applied = (await listener.HeardAsync()).Where(a => a.Kind == AlertKinds.AutoApplied).ToList();
        Assert.Equal(["Norte", AlertAudience.AdminsOnly], applied.Select(a => a.Team));
        Assert.All(applied, a => Assert.Equal(1, a.Count));
    }

    [Fact]
    public async Task ANewSuggestionIsAnnouncedAtCommitWithItsTeamAndARolledBackOneNever()
    {
        await using var listener = await Listener.StartAsync(pg);
        var id = await PendingSuggestionAsync("rep3@andes.demo");
        var created = Assert.Single(await listener.HeardAsync(), a => a.Kind == AlertKinds.SuggestionsCreated);
        Assert.Equal((Andes, "Sur", 1), (created.Tenant, created.Team, created.Count));

        await using var conn = new NpgsqlConnection(pg.Db.OwnerConnection);
        await conn.OpenAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await OwnerSql.Command(conn, "UPDATE suggestions SET status = 'Rejected' WHERE id = @id", ("id", id)).ExecuteNonQueryAsync();
            await tx.RollbackAsync();
        }
        Assert.DoesNotContain(await listener.HeardAsync(), a => a.Kind == AlertKinds.SuggestionsResolved);

        await pg.ExecuteAsync("UPDATE suggestions SET status = 'Rejected' WHERE id = @id", ("id", id));
        var resolved = Assert.Single(await listener.HeardAsync(), a => a.Kind == AlertKinds.SuggestionsResolved);
        Assert.Equal(id, Assert.Single(resolved.ItemsOrEmpty).Id);
    }

    [Fact]
    public async Task ARecordNobodyOwnsGoesToEveryManagerAndOneOwnedByAnOwnerWithoutATeamToThatOwner()
    {
        await using var listener = await Listener.StartAsync(pg);
        var clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
        var records = new CrmRecords(pg, Andes);
        var unowned = await records.LeadAsync(clock.GetUtcNow().AddDays(-30));
        var admin = await pg.UserIdAsync("admin@andes.demo"); // Admins have no team
        var adminOwned = await records.LeadAsync(clock.GetUtcNow().AddDays(-31), owner: admin);
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        await pg.SuggestionForAsync(Andes, clock, TriggerTypes.LeadStagnant, unowned);
        await using (var system = pg.Services(Andes, clock: clock))
        {
            var trigger = await pg.ScalarAsync<Guid>("SELECT id FROM triggers WHERE record_id = @id AND closed_at IS NULL", ("id", adminOwned));
            await system.GetRequiredService<Autonomus.Core.Suggestions.ProposeSuggestions>().HandleAsync(triggerId: trigger);
        }

        var teams = (await listener.HeardAsync()).Where(a => a.Kind == AlertKinds.SuggestionsCreated).Select(a => a.Team).ToList();
        Assert.Equal([null, $"@{admin}"], teams);
    }

    [Fact]
    public async Task AnApprovedActionThatFailsIsAnnouncedWithItsReason()
    {
        var id = await PendingSuggestionAsync("rep1@andes.demo");
        await pg.ExecuteAsync("UPDATE suggestions SET status = 'Approved' WHERE id = @id", ("id", id));
        await using var listener = await Listener.StartAsync(pg);
        await pg.ExecuteAsync("UPDATE suggestions SET status = 'Failed', apply_result = 'The lead was deleted' WHERE id = @id", ("id", id));
        var failed = Assert.Single(await listener.HeardAsync(), a => a.Kind == AlertKinds.ApplyFailed);
        Assert.Equal(("Norte", "The lead was deleted", id), (failed.Team, failed.Reason, Assert.Single(failed.ItemsOrEmpty).Id));
    }

    [Fact]
    public async Task ABatchOfHighPriorityProposalsStaysUnderTheNotifyLimitAndCountsThemAll()
    {
        var template = await PendingSuggestionAsync("rep1@andes.demo");
        await using var listener = await Listener.StartAsync(pg);
        // 300 copies with long summaries in one statement: the payload must stay small, or NOTIFY would fail the insert.
        var inserted = await pg.ExecuteAsync("""
            INSERT INTO suggestions
            SELECT (jsonb_populate_record(s, jsonb_build_object('id', gen_random_uuid(), 'trigger_type', 'test_' || g, 'priority', 2,
                                                                 'summary', repeat('Long summary ', 23)))).*
            FROM suggestions s, generate_series(1, 300) g WHERE s.id = @id
            """, ("id", template));
        Assert.Equal(300, inserted);
        var created = Assert.Single(await listener.HeardAsync(), a => a.Kind == AlertKinds.SuggestionsCreated);
        Assert.Equal((300, 300, 5), (created.Count, created.HighCount, created.ItemsOrEmpty.Count));
        Assert.All(created.ItemsOrEmpty, i => Assert.True(i.Summary.Length <= 160));
    }

    [Fact]
    public async Task ASuggestionPendingPastTheReviewSlaIsAnnouncedOnceToItsTeam()
    {
        await pg.ConfigureAsync(Andes, s => s.ReviewSlaHours = 24);
        var late = await PendingSuggestionAsync("rep1@andes.demo");
        var recent = await PendingSuggestionAsync("rep2@andes.demo");
        await pg.ExecuteAsync("UPDATE suggestions SET created_at = now() - interval '25 hours' WHERE id = @id", ("id", late));
        await pg.ExecuteAsync("UPDATE suggestions SET created_at = now() - interval '23 hours' WHERE id = @id", ("id", recent));
        // Only this test's suggestions may be late: earlier tests' ones are marked as already announced.
        await pg.ExecuteAsync("UPDATE suggestions SET sla_alerted_at = now() WHERE id <> @id AND status = 'Pending' AND created_at < now() - interval '24 hours'", ("id", late));

        await using var listener = await Listener.StartAsync(pg);
        await using var system = pg.Services(Andes);
        Assert.Equal(1, await system.GetRequiredService<WatchReviewSla>().HandleAsync());
        var breach = Assert.Single(await listener.HeardAsync(), a => a.Kind == AlertKinds.SlaBreach);
        Assert.Equal(("Norte", 1, "pending for more than 24 hours"), (breach.Team, breach.Count, breach.Reason));

        Assert.Equal(0, await system.GetRequiredService<WatchReviewSla>().HandleAsync());
        Assert.Single(await listener.HeardAsync(), a => a.Kind == AlertKinds.SlaBreach);
    }
}
