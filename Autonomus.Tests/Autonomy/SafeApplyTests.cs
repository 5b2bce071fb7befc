using System.Text.Json.Nodes;
using Autonomus.Core.Apply;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Leads;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>Approving a suggestion applies its action once, in one transaction, against the record as it was proposed.</summary>
public sealed class SafeApplyTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);

    /// <summary>A stagnant lead of team Norte and the follow-up call proposed for it.</summary>
    private async Task<(Guid Lead, Guid Suggestion)> StagnantLeadSuggestionAsync()
    {
        var rep = await pg.UserIdAsync("rep1@andes.demo");
        var lead = await new CrmRecords(pg, Andes).LeadAsync(_clock.GetUtcNow().AddDays(-9), owner: rep);
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        return (lead, await pg.SuggestionForAsync(Andes, _clock, TriggerTypes.LeadStagnant, lead));
    }

    private Task<long> ActivitiesOnAsync(Guid recordId) => pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @id", ("id", recordId));

    [Fact]
    public async Task ApprovingAppliesTheActionMarksTheSuggestionAppliedClosesTheTriggerAndWritesTheLedger()
    {
        var (lead, id) = await StagnantLeadSuggestionAsync();
        var manager = await pg.UserIdAsync("manager@andes.demo");
        await using var sp = await pg.ServicesAsAsync("manager@andes.demo", _clock);

        var outcome = await sp.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(id));

        Assert.Equal(ApplyStatus.Applied, outcome.Status);
        var created = JsonNode.Parse(outcome.Result!)!["created"]!;
        Assert.Equal("Activity", created["type"]!.ToString());
        var activity = (await pg.RowsAsync("SELECT related_id, type, completed_at FROM activities WHERE id = @id", ("id", Guid.Parse(created["id"]!.ToString())))).Single();
        Assert.Equal(lead, activity["related_id"]);
        Assert.Equal("Call", activity["type"]);
        Assert.Null(activity["completed_at"]);
        Assert.Equal(1, await ActivitiesOnAsync(lead));

        var row = (await pg.RowsAsync("SELECT status, approved_by, applied_at, apply_result, correlation_id, trigger_id FROM suggestions WHERE id = @id", ("id", id))).Single();
        Assert.Equal("Applied", row["status"]);
        Assert.Equal(manager, row["approved_by"]);
        Assert.NotNull(row["applied_at"]);
        Assert.Equal(outcome.Result, row["apply_result"]);
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM triggers WHERE id = @id AND closed_at IS NULL", ("id", row["trigger_id"]!)));

        var trail = await pg.RowsAsync("SELECT kind, actor_id FROM ledger_entries WHERE correlation_id = @c ORDER BY sequence", ("c", row["correlation_id"]!));
        Assert.Equal(["trigger_detected", "suggestion_created", "suggestion_approved", "action_applied"], trail.Select(r => (string)r["kind"]!));
        Assert.All(trail.Skip(2), r => Assert.Equal(manager, r["actor_id"]));
    }

    [Fact]
    public async Task ApprovingAnAppliedSuggestionAgainRunsNothingAndReturnsTheFirstResult()
    {
        var (lead, id) = await StagnantLeadSuggestionAsync();
        await using var sp = await pg.ServicesAsAsync("admin@andes.demo", _clock);
        var engine = sp.GetRequiredService<SafeApplyEngine>();

        var first = await engine.ApproveAsync(new ApprovalRequest(id));
        var again = await engine.ApproveAsync(new ApprovalRequest(id));

        Assert.Equal(ApplyStatus.Applied, first.Status);
        Assert.Equal(ApplyStatus.AlreadyApplied, again.Status);
        Assert.Equal(first.Result, again.Result);
        Assert.Equal(1, await ActivitiesOnAsync(lead));
    }

    [Fact]
    public async Task AReviewersEditIsWhatRunsAndTheLedgerKeepsTheOriginal()
    {
        var (lead, id) = await StagnantLeadSuggestionAsync();
        var payload = JsonNode.Parse(await pg.ScalarAsync<string>("SELECT payload::text FROM suggestions WHERE id = @id", ("id", id)))!.AsObject();
        payload["subject"] = "Ask about the budget freeze";
        await using var sp = await pg.ServicesAsAsync("manager@andes.demo", _clock);

        var outcome = await sp.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(id, payload.ToJsonString(), "Sharper subject"));

        Assert.Equal(ApplyStatus.Applied, outcome.Status);
        Assert.Equal("Ask about the budget freeze", await pg.ScalarAsync<string>("SELECT subject FROM activities WHERE related_id = @id", ("id", lead)));
        Assert.Equal("Ask about the budget freeze", await pg.ScalarAsync<string>("SELECT edited_payload->>'subject' FROM suggestions WHERE id = @id", ("id", id)));
        var edit = await pg.ScalarAsync<string>(
            "SELECT e.data FROM ledger_entries e JOIN suggestions s ON s.correlation_id = e.correlation_id WHERE s.id = @id AND e.kind = 'suggestion_edited'", ("id", id));
        Assert.Contains("Hacer seguimiento a", edit); // the playbook's subject, in Andes's language
        Assert.Contains("Ask about the budget freeze", edit);
    }

    [Fact]
    public async Task TwentyConcurrentApprovalsOfOneSuggestionRunTheActionOnceAndAllSucceedWithTheSameResult()
    {
        var (lead, id) = await StagnantLeadSuggestionAsync();
        var providers = new List<ServiceProvider>();
        for (var i = 0; i < 20; i++) providers.Add(await pg.ServicesAsAsync(i % 2 == 0 ? "manager@andes.demo" : "admin@andes.demo", _clock));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var approvals = providers.Select(sp => Task.Run(async () =>
            {
                await start.Task;
                await using var scope = sp.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(id));
            })).ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(approvals);

            Assert.All(outcomes, o => Assert.True(o.Succeeded, $"{o.Status}: {o.Message}"));
            Assert.Single(outcomes, o => o.Status == ApplyStatus.Applied);
            Assert.Single(outcomes.Select(o => o.Result).Distinct());
            Assert.NotNull(outcomes[0].Result);
            Assert.Equal(1, await ActivitiesOnAsync(lead));
            Assert.Equal(1, await pg.CountAsync(
                "SELECT count(*) FROM ledger_entries e JOIN suggestions s ON s.correlation_id = e.correlation_id WHERE s.id = @id AND e.kind = 'action_applied'",
                ("id", id)));
        }
        finally
        {
            foreach (var sp in providers) await sp.DisposeAsync();
        }
    }

    [Fact]
    public async Task ARecordChangedSinceTheProposalMakesApprovalAConflictUntilTheReviewerAcceptsTheCurrentRecord()
    {
        var (lead, id) = await StagnantLeadSuggestionAsync();
        await using var sp = await pg.ServicesAsAsync("manager@andes.demo", _clock);
        await sp.GetRequiredService<ChangeLeadStatus>().HandleAsync(lead, 1, LeadStatus.Contacted);
        var engine = sp.GetRequiredService<SafeApplyEngine>();

        var conflict = await engine.ApproveAsync(new ApprovalRequest(id));

        Assert.Equal(ApplyStatus.Conflict, conflict.Status);
        var row = (await pg.RowsAsync("SELECT status, conflict, record_version, correlation_id FROM suggestions WHERE id = @id", ("id", id))).Single();
        Assert.Equal("Approved", row["status"]);
        Assert.Contains("changed since", (string)row["conflict"]!);
        Assert.Equal(1, row["record_version"]);
        Assert.Equal(0, await ActivitiesOnAsync(lead));
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE correlation_id = @c AND kind = 'apply_conflict'", ("c", row["correlation_id"]!)));

        Assert.Equal(ApplyStatus.Conflict, (await engine.ApproveAsync(new ApprovalRequest(id))).Status);
        Assert.Equal(0, await ActivitiesOnAsync(lead));

        var applied = await engine.ApproveAsync(new ApprovalRequest(id, AcceptCurrentRecord: true));

        Assert.Equal(ApplyStatus.Applied, applied.Status);
        Assert.Equal(1, await ActivitiesOnAsync(lead));
        var after = (await pg.RowsAsync("SELECT status, conflict, record_version FROM suggestions WHERE id = @id", ("id", id))).Single();
        Assert.Equal("Applied", after["status"]);
        Assert.Null(after["conflict"]);
        Assert.Equal(2, after["record_version"]);
    }
}
