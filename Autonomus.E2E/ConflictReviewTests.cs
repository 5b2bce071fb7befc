using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class ConflictReviewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Manager = "manager@andes.demo";

    [Fact]
    public async Task ARecordChangedSinceTheProposalShowsWhatChangedAndAppliesOnlyWhenApprovedAgainstTheCurrentRecord()
    {
        await browser.Database.DetectAndProposeAsync(PostgresFixture.Andes, TriggerTypes.LeadStagnant);
        var id = await browser.Database.ScalarAsync<Guid>("""
            SELECT s.id FROM suggestions s JOIN leads l ON l.id = s.record_id
            WHERE s.tenant_id = @t AND s.tool = 'schedule_follow_up' AND s.status = 'Pending'
              AND l.owner_id IN (SELECT id FROM users WHERE team = 'Norte' AND tenant_id = @t)
            ORDER BY s.id LIMIT 1
            """, ("t", PostgresFixture.Andes));
        // Someone edits the lead after the proposal.
        await browser.Database.ScalarAsync<int>(
            "UPDATE leads SET score = CASE WHEN score = 99 THEN 98 ELSE 99 END, version = version + 1 WHERE id = (SELECT record_id FROM suggestions WHERE id = @id) RETURNING 1",
            ("id", id));

        var page = await browser.NewPageAsync(Manager);
        await Screenshots.OnFailureAsync(page, nameof(ARecordChangedSinceTheProposalShowsWhatChangedAndAppliesOnlyWhenApprovedAgainstTheCurrentRecord), async () =>
        {
            var queue = new SuggestionsPage(page);
            await queue.OpenAsync($"?id={id}");
            await Assertions.Expect(page.GetByTestId("review-stale")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("since-proposal-diff").Locator("tr[data-field='Score']")).ToContainTextAsync("99");

            await queue.ApproveButton.ClickAsync();
            await Assertions.Expect(queue.Outcome).ToContainTextAsync("changed since this was proposed");
            Assert.Equal(0, await browser.Database.ScalarAsync<long>(
                "SELECT count(*) FROM activities a JOIN suggestions s ON s.record_id = a.related_id WHERE s.id = @id AND a.created_at > s.created_at", ("id", id)));
            Assert.Equal("Approved", await browser.Database.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id)));

            await Assertions.Expect(queue.ApproveButton).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("against the current record", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
            await queue.ApproveButton.ClickAsync();
            await Assertions.Expect(queue.Outcome).ToContainTextAsync("due");
            Assert.Equal("Applied", await browser.Database.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id)));
            Assert.Equal(1, await browser.Database.ScalarAsync<long>(
                "SELECT count(*) FROM activities a JOIN suggestions s ON s.record_id = a.related_id WHERE s.id = @id AND a.created_at > s.created_at", ("id", id)));
        });
    }

    [Fact]
    public async Task ALeadPageListsItsPendingSuggestionsAndLinksToTheirReview()
    {
        await browser.Database.DetectAndProposeAsync(PostgresFixture.Andes, TriggerTypes.LeadStagnant);
        var id = await browser.Database.ScalarAsync<Guid>("""
            SELECT s.id FROM suggestions s JOIN leads l ON l.id = s.record_id
            WHERE s.tenant_id = @t AND s.status = 'Pending' AND s.trigger_type = 'lead_stagnant'
              AND l.owner_id IN (SELECT id FROM users WHERE team = 'Norte' AND tenant_id = @t)
            ORDER BY s.id DESC LIMIT 1
            """, ("t", PostgresFixture.Andes));
        var lead = await browser.Database.ScalarAsync<Guid>("SELECT record_id FROM suggestions WHERE id = @id", ("id", id));
        var summary = await browser.Database.ScalarAsync<string>("SELECT summary FROM suggestions WHERE id = @id", ("id", id));

        var page = await browser.NewPageAsync(Manager);
        await Screenshots.OnFailureAsync(page, nameof(ALeadPageListsItsPendingSuggestionsAndLinksToTheirReview), async () =>
        {
            await page.GotoAsync($"leads/{lead}");
            var section = page.GetByTestId("record-suggestions");
            await Assertions.Expect(section).ToContainTextAsync(summary);
            await section.GetByRole(AriaRole.Link, new() { Name = summary }).ClickAsync();
            var queue = new SuggestionsPage(page);
            await Assertions.Expect(queue.Summary).ToHaveTextAsync(summary);
        });
    }
}
