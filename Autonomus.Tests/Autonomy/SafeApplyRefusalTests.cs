using System.Text.Json.Nodes;
using Autonomus.Core.Apply;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Deals;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>A refused approval says why and changes nothing: not the suggestion, not the CRM, not the ledger.</summary>
public sealed class SafeApplyRefusalTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);

    private async Task<(Guid Lead, Guid Suggestion)> StagnantLeadSuggestionAsync()
    {
        var rep = await pg.UserIdAsync("rep1@andes.demo");
        var lead = await new CrmRecords(pg, Andes).LeadAsync(_clock.GetUtcNow().AddDays(-9), owner: rep);
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        return (lead, await pg.SuggestionForAsync(Andes, _clock, TriggerTypes.LeadStagnant, lead));
    }

    private async Task<JsonObject> PayloadAsync(Guid id) =>
        JsonNode.Parse(await pg.ScalarAsync<string>("SELECT payload::text FROM suggestions WHERE id = @id", ("id", id)))!.AsObject();

    /// <summary>
    /// Approves as <paramref name="email"/> on a clock five minutes later (so any write would show a new time) and
    /// checks the refusal and that the suggestion row, the ledger and the activities are exactly as before.
    /// </summary>
    private async Task<ApplyOutcome> RefusedAsync(Guid id, ApprovalRequest request, string because, string email = "manager@andes.demo", TimeProvider? clock = null)
    {
        var row = await pg.SuggestionRowAsync(id);
        var ledger = await pg.CountAsync("SELECT count(*) FROM ledger_entries");
        var activities = await pg.CountAsync("SELECT count(*) FROM activities");
        _clock.Advance(TimeSpan.FromMinutes(5));
        await using var sp = await pg.ServicesAsAsync(email, clock ?? _clock);

        var outcome = await sp.GetRequiredService<SafeApplyEngine>().ApproveAsync(request);

        Assert.Equal(ApplyStatus.Refused, outcome.Status);
        Assert.Contains(because, outcome.Message);
        Assert.Equal(row, await pg.SuggestionRowAsync(id));
        Assert.Equal(ledger, await pg.CountAsync("SELECT count(*) FROM ledger_entries"));
        Assert.Equal(activities, await pg.CountAsync("SELECT count(*) FROM activities"));
        return outcome;
    }

    [Fact]
    public async Task AnEditedPayloadMissingARequiredFieldIsRefusedNamingTheField()
    {
        var (_, id) = await StagnantLeadSuggestionAsync();
        var payload = await PayloadAsync(id);
        payload.Remove("subject");

        var outcome = await RefusedAsync(id, new ApprovalRequest(id, payload.ToJsonString()), "subject");

        Assert.Contains("subject", outcome.Errors!.Keys);
        Assert.Equal("Pending", await pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task APayloadPointingAtAnotherTenantsRecordIsRefusedAsNotFound()
    {
        var (_, id) = await StagnantLeadSuggestionAsync();
        var northwindLead = await new CrmRecords(pg, PostgresFixture.Northwind).LeadAsync(_clock.GetUtcNow().AddDays(-9));
        // The proposal itself names the other tenant's lead (as a misbehaving engine might).
        await pg.ScalarAsync<int>("UPDATE suggestions SET payload = jsonb_set(payload, '{recordId}', to_jsonb(@lead::text)) WHERE id = @id RETURNING 1",
            ("lead", northwindLead), ("id", id));

        await RefusedAsync(id, new ApprovalRequest(id), "not found");

        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @id", ("id", northwindLead)));
    }

    [Fact]
    public async Task AnEditedPayloadThatIsNotJsonIsRefused()
    {
        var (_, id) = await StagnantLeadSuggestionAsync();

        await RefusedAsync(id, new ApprovalRequest(id, "{\"subject\": \"Call"), "not valid JSON");
    }

    [Fact]
    public async Task AnEditThatRetargetsTheActionToAnotherRecordIsRefused()
    {
        var (_, id) = await StagnantLeadSuggestionAsync();
        var (otherLead, _) = await StagnantLeadSuggestionAsync();
        var payload = await PayloadAsync(id);
        payload["recordId"] = otherLead.ToString();

        var outcome = await RefusedAsync(id, new ApprovalRequest(id, payload.ToJsonString()), "cannot change which record");

        Assert.Contains("recordId", outcome.Errors!.Keys);
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @id AND subject LIKE 'Follow up%'", ("id", otherLead)));
    }

    [Fact]
    public async Task AnActionOnADealClosedSinceTheProposalIsRefused()
    {
        var rep = await pg.UserIdAsync("rep1@andes.demo");
        var records = new CrmRecords(pg, Andes);
        var deal = await records.DealAsync(await records.AccountAsync(rep), "Proposal", _clock.GetUtcNow().AddDays(-1),
            DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime.AddDays(30)), owner: rep);
        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock))
        {
            var move = manager.GetRequiredService<MoveDealStage>();
            await move.HandleAsync(deal, 1, DealStage.Qualification); // raises deal_regressed and its suggestion
            await move.HandleAsync(deal, 2, DealStage.ClosedLost);
        }
        var id = await pg.ScalarAsync<Guid>("SELECT id FROM suggestions WHERE record_id = @id", ("id", deal));

        await RefusedAsync(id, new ApprovalRequest(id), "ClosedLost");
    }

    [Fact]
    public async Task AnExpiredSuggestionIsRefusedAsExpired()
    {
        var (_, id) = await StagnantLeadSuggestionAsync();
        var eightDaysLater = AutonomyFlow.ClockAt(_clock.GetUtcNow().AddDays(8));

        await RefusedAsync(id, new ApprovalRequest(id), "has expired", clock: eightDaysLater);
    }

    [Fact]
    public async Task ARejectedSuggestionIsRefusedAsRejected()
    {
        var (_, id) = await StagnantLeadSuggestionAsync();
        await using (var sp = await pg.ServicesAsAsync("manager@andes.demo", _clock))
            Assert.True((await sp.GetRequiredService<ReviewSuggestion>().RejectAsync(id, "Called yesterday")).Succeeded);

        await RefusedAsync(id, new ApprovalRequest(id), "was rejected");
    }

    [Fact]
    public async Task ASupersededSuggestionIsRefusedAsReplacedByANewerOne()
    {
        var (lead, id) = await StagnantLeadSuggestionAsync();
        // The condition is raised again once the first trigger has been closed for longer than the cooldown.
        await pg.ExecuteAsync("UPDATE triggers SET closed_at = @at WHERE record_id = @id", ("at", _clock.GetUtcNow().AddDays(-8)), ("id", lead));
        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        var newer = await pg.ScalarAsync<Guid>("SELECT id FROM triggers WHERE record_id = @id AND closed_at IS NULL", ("id", lead));
        await using (var sp = pg.Services(Andes, clock: _clock))
            await sp.GetRequiredService<ProposeSuggestions>().HandleAsync(triggerId: newer);
        Assert.Equal("Superseded", await pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id)));
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE subject_id = @id AND kind = 'suggestion_superseded'", ("id", id)));

        await RefusedAsync(id, new ApprovalRequest(id), "A newer suggestion has replaced this one");
    }

    [Fact]
    public async Task ARepMayNotApproveAndAManagerOfAnotherTeamDoesNotSeeTheSuggestion()
    {
        var (_, id) = await StagnantLeadSuggestionAsync();

        await RefusedAsync(id, new ApprovalRequest(id), "Only sales managers and Admins", email: "rep1@andes.demo");
        await RefusedAsync(id, new ApprovalRequest(id), "not found", email: "manager.sur@andes.demo");
    }
}
