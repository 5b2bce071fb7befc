using System.Text.RegularExpressions;
using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Triggers;
using Autonomus.Data.Seeding;
using Autonomus.E2E.Infrastructure;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Autonomus.E2E;

/// <summary>
/// Autonomy earned, used, undone and lost, in the browser with the scheduler running: the Admin reads the dry run of an
/// eligible action and approves its graduation from the queue; a new suggestion of that action applies itself within a
/// minute and shows in Done by autonomy; a manager undoes it and the record is back; rejections demote it and the Admin is
/// alerted.
/// </summary>
public sealed class GovernedAutonomyTests(GovernedAutonomyFixture browser) : IClassFixture<GovernedAutonomyFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private const string Agent = AgentNames.DealStrategy;
    private const string Action = "schedule_follow_up";

    private static HistorySpec History(int count, double accept, double reject) =>
        new(Agent, TriggerTypes.DealDecay, Action, RecordType.Deal, "playbook:deal_decay@1", count, accept, 0.01, reject, [0.78m]);

    private Task<string> ModeAsync() => browser.Database.ScalarAsync<string>(
        "SELECT coalesce((SELECT mode FROM autonomy_policies WHERE agent = @a AND action = @x ORDER BY version DESC LIMIT 1), 'Suggest')", ("a", Agent), ("x", Action));

    private async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var until = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTimeOffset.UtcNow > until) throw new TimeoutException($"{what}: still {value} after {within.TotalSeconds} s");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task AnAdminPausesAnAgentOnTheAgentsPageAndItsDetectionStopsUntilItResumes()
    {
        var db = browser.Database;
        await db.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        var records = new CrmRecords(db, Andes);
        var account = await records.AccountAsync();
        var admin = await browser.NewPageAsync("admin@andes.demo");
        try
        {
            await Screenshots.OnFailureAsync(admin, nameof(AnAdminPausesAnAgentOnTheAgentsPageAndItsDetectionStopsUntilItResumes), async () =>
            {
                await admin.GotoAsync("autonomy/agents");
                // All seven agents, each with its card.
                await Expect(admin.Locator("[data-testid=agent-report]")).ToHaveCountAsync(7);
                var card = admin.Locator($"[data-testid=agent-card][data-agent={Agent}]");
                await card.GetByTestId("pause-agent").ClickAsync();
                await card.GetByLabel("Why (goes on the ledger)").FillAsync("Quarter-end review of the deal playbooks");
                await card.GetByTestId("confirm-pause").ClickAsync();
                await Expect(card.GetByTestId("resume-agent")).ToBeVisibleAsync();
                await Expect(admin.Locator($"[data-testid=agent-report][data-agent={Agent}]")).ToContainTextAsync("Paused");

                // A deal goes quiet while the agent is paused: two detector runs (every 10 s) pass without a trigger.
                var paused = await records.DealAsync(account, "Proposal", DateTimeOffset.UtcNow.AddDays(-20), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)));
                await Task.Delay(TimeSpan.FromSeconds(22));
                Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM triggers WHERE record_id = @d", ("d", paused)));

                await card.GetByTestId("resume-agent").ClickAsync();
                await Expect(card.GetByTestId("pause-agent")).ToBeVisibleAsync();
                await EventuallyAsync(() => db.CountAsync("SELECT count(*) FROM triggers WHERE record_id = @d", ("d", paused)), n => n == 1,
                    TimeSpan.FromSeconds(30), "the trigger after resuming");
                Assert.Equal(["agent_resumed", "agent_paused"], (await db.RowsAsync("SELECT kind FROM ledger_entries WHERE kind LIKE 'agent_%' ORDER BY sequence DESC LIMIT 2"))
                    .Select(r => (string)r["kind"]!));
            });
        }
        finally
        {
            // Whatever happened, the other test of this class finds the agent running.
            await db.ExecuteAsync("DELETE FROM agent_pauses");
        }
    }

    [Fact]
    public async Task AnAdminChangesAnAgentsThresholdOnItsCardAndAManagerOnlyReadsIt()
    {
        var admin = await browser.NewPageAsync("admin@andes.demo");
        await Screenshots.OnFailureAsync(admin, nameof(AnAdminChangesAnAgentsThresholdOnItsCardAndAManagerOnlyReadsIt), async () =>
        {
            await admin.GotoAsync("autonomy/agents");
            var panel = admin.Locator("[data-testid=agent-settings][data-agent=communication]");
            await panel.Locator("summary").ClickAsync();
            var field = panel.GetByLabel("A task is overdue after (days past due)");
            await field.FillAsync("7");
            // Without a reason nothing is saved; the field says why.
            await panel.GetByTestId("save-settings").ClickAsync();
            await Expect(panel).ToContainTextAsync("Say why you change these settings");
            Assert.Equal(0, await browser.Database.CountAsync("SELECT count(*) FROM agent_settings_versions WHERE agent = 'communication'"));
            await panel.GetByLabel("Why (goes on the ledger)").FillAsync("Give people a week");
            await panel.GetByTestId("save-settings").ClickAsync();
            await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved as version");
            await Expect(panel.GetByTestId("settings-history")).ToContainTextAsync("Give people a week");
            Assert.Equal(7, await browser.Database.ScalarAsync<int>("SELECT activity_overdue_days FROM autonomy_settings WHERE tenant_id = @t", ("t", Andes)));
        });
        await admin.CloseAsync();

        var manager = await browser.NewPageAsync("manager@andes.demo");
        await Screenshots.OnFailureAsync(manager, nameof(AnAdminChangesAnAgentsThresholdOnItsCardAndAManagerOnlyReadsIt), async () =>
        {
            await manager.GotoAsync("autonomy/agents");
            var panel = manager.Locator("[data-testid=agent-settings][data-agent=communication]");
            await panel.Locator("summary").ClickAsync();
            await Expect(panel.GetByLabel("A task is overdue after (days past due)")).ToHaveValueAsync("7");
            await Expect(panel.GetByTestId("save-settings")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task AnActionEarnsAutonomyActsOnItsOwnIsUndoneAndLosesItAgain()
    {
        var db = browser.Database;
        await db.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        await DecisionHistory.SeedAsync(db.Db.OwnerConnection, Andes, [History(140, 0.97, 0.01)], DateTimeOffset.UtcNow);
        await EventuallyAsync(() => db.CountAsync("SELECT count(*) FROM autonomy_offers WHERE agent = @a AND action = @x AND status = 'Pending'", ("a", Agent), ("x", Action)),
            n => n == 1, TimeSpan.FromSeconds(30), "the offer");

        var admin = await browser.NewPageAsync("admin@andes.demo");
        await Screenshots.OnFailureAsync(admin, nameof(AnActionEarnsAutonomyActsOnItsOwnIsUndoneAndLosesItAgain), async () =>
        {
            // The Policies page: the action is offered; its dry run over 30 days says what it would have done.
            await admin.GotoAsync("autonomy/policies");
            var row = admin.Locator($"[data-testid=policy-row][data-agent={Agent}][data-action={Action}]");
            await Expect(row.GetByTestId("policy-standing")).ToHaveTextAsync("Offered to the Admins");
            await row.GetByTestId("policy-details").ClickAsync();
            await admin.GetByTestId("dry-run").ClickAsync();
            await Expect(admin.GetByTestId("dry-run-result")).ToContainTextAsync(new Regex(@"it would have applied \d+ of \d+ suggestions"));

            // The queue: the Admin lets it act on its own.
            await admin.GotoAsync("suggestions");
            var offer = admin.Locator($"[data-testid=autonomy-offer][data-agent={Agent}][data-action={Action}]");
            await Expect(offer.GetByTestId("offer-evidence")).ToContainTextAsync("lower bound");
            await offer.GetByTestId("approve-offer").ClickAsync();
            await Expect(offer).ToHaveCountAsync(0);
            Assert.Equal("AutoWithUndo", await ModeAsync());

            // A deal of team Norte goes quiet: within a minute its follow-up is scheduled without a person.
            var records = new CrmRecords(db, Andes);
            var account = await records.AccountAsync();
            var deal = await records.DealAsync(account, "Proposal", DateTimeOffset.UtcNow.AddDays(-20), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)),
                owner: await db.UserIdAsync("rep1@andes.demo"));
            var suggestion = await EventuallyAsync(
                () => db.ScalarAsync<Guid>("SELECT coalesce((SELECT id FROM suggestions WHERE record_id = @d AND status = 'Applied' AND applied_by_policy IS NOT NULL), '00000000-0000-0000-0000-000000000000')", ("d", deal)),
                id => id != Guid.Empty, TimeSpan.FromSeconds(60), "the follow-up applied by the policy");
            Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM activities WHERE related_id = @d", ("d", deal)));

            // The sales manager sees it in Done by autonomy and undoes it: the deal is back as it was.
            var manager = await browser.NewPageAsync("manager@andes.demo");
            await manager.GotoAsync("autonomy/done");
            var done = manager.Locator($"[data-testid=done-row][data-suggestion-id='{suggestion}']");
            await Expect(done).ToContainTextAsync("policy:deal_strategy/schedule_follow_up@v1");
            await Expect(manager.GetByTestId("done-badge")).ToBeVisibleAsync();
            await done.GetByTestId("undo").ClickAsync();
            await done.GetByLabel("Why (optional)").FillAsync("The customer called us this morning");
            await done.GetByTestId("confirm-undo").ClickAsync();
            await Expect(manager.GetByTestId("undo-result")).ToContainTextAsync("back as it was");
            Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM activities WHERE related_id = @d", ("d", deal)));
            var story = (await db.RowsAsync("SELECT kind, actor_name FROM ledger_entries WHERE subject_id = @s ORDER BY sequence", ("s", suggestion)))
                .Select(r => $"{r["kind"]} by {r["actor_name"]}").ToList();
            Assert.Equal("suggestion_created by playbook:deal_decay@1", story[0]);
            Assert.Equal("suggestion_approved by policy:deal_strategy/schedule_follow_up@v1", story[1]);
            Assert.Equal("action_applied by policy:deal_strategy/schedule_follow_up@v1", story[2]);
            Assert.StartsWith("action_undone by ", story[3]);

            // People then reject most of what it proposes: it returns to suggest on its own and the Admin is alerted.
            await admin.GotoAsync("autonomy/policies");
            await Expect(admin.GetByTestId("policies-table")).ToBeVisibleAsync();
            await DecisionHistory.SeedAsync(db.Db.OwnerConnection, Andes, [History(120, 0.2, 0.79)], DateTimeOffset.UtcNow, seed: 99);
            await Expect(admin.Locator("[data-testid=toast][data-kind=autonomy_demoted]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Equal("Suggest", await ModeAsync());
            Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'autonomy_demoted'"));
        });
    }
}
