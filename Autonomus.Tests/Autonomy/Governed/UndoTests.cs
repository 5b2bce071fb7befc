using Autonomus.Core.Apply;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Policies;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy.Governed;

/// <summary>
/// What a policy applied can be undone by a reviewer within its window: the record is back as it was, the ledger tells
/// suggestion → auto-apply → undo; a record that moved on is a conflict that writes nothing; an undo is final; undos demote.
/// </summary>
public sealed class UndoTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));

    private async Task<(Guid Lead, Guid Suggestion)> AutoAppliedAsync()
    {
        await pg.SetPolicyAsync(new PolicyRules(PolicyMode.AutoWithUndo));
        var made = await pg.StagnantLeadSuggestionAsync(_clock);
        Assert.Equal("Applied", await pg.StatusAsync(made.Suggestion));
        return made;
    }

    private async Task<ApplyOutcome> UndoAsManagerAsync(Guid id, string note = "Not this one")
    {
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock);
        return await manager.GetRequiredService<UndoAutonomousAction>().UndoAsync(id, note);
    }

    [Fact]
    public async Task AManagerUndoesAndTheRecordIsBackWithTheWholeStoryOnTheLedger()
    {
        await pg.ConfigureAsync(Governance.Andes, s => s.DemoteAfterUndos = 100);
        var (lead, id) = await AutoAppliedAsync();
        Assert.Equal(1, await pg.FollowUpsOnAsync(lead));

        var outcome = await UndoAsManagerAsync(id);

        Assert.Equal(ApplyStatus.Applied, outcome.Status);
        Assert.Equal("Undone", await pg.StatusAsync(id));
        Assert.Equal(0, await pg.FollowUpsOnAsync(lead));
        var kinds = (await pg.RowsAsync("SELECT kind, actor_type FROM ledger_entries WHERE subject_id = @id ORDER BY sequence", ("id", id)))
            .Select(r => $"{r["kind"]}/{r["actor_type"]}").ToList();
        Assert.Equal(["suggestion_created/agent", "suggestion_approved/policy", "action_applied/policy", "action_undone/user"], kinds);
        var undo = await pg.ScalarAsync<string>("SELECT data FROM ledger_entries WHERE subject_id = @id AND kind = 'action_undone'", ("id", id));
        Assert.Contains("\"policy_version\":", undo);
        Assert.Contains("Not this one", undo);

        // An undo is final.
        var again = await UndoAsManagerAsync(id);
        Assert.Equal(ApplyStatus.Refused, again.Status);
        Assert.Contains("already been undone", again.Message);
    }

    [Fact]
    public async Task AnUndoWhoseRecordMovedOnIsAConflictThatWritesNothing()
    {
        await pg.ConfigureAsync(Governance.Andes, s => s.DemoteAfterUndos = 100);
        var (lead, id) = await AutoAppliedAsync();
        // Someone works on the follow-up the policy created.
        await pg.ExecuteAsync("UPDATE activities SET subject = 'Called, left a message', version = version + 1 WHERE related_id = @r", ("r", lead));
        var row = await pg.SuggestionRowAsync(id);
        var entries = await pg.CountAsync("SELECT count(*) FROM ledger_entries");

        var outcome = await UndoAsManagerAsync(id);

        Assert.Equal(ApplyStatus.Conflict, outcome.Status);
        Assert.Contains("changed since", outcome.Result);
        Assert.Equal(row, await pg.SuggestionRowAsync(id));
        Assert.Equal(1, await pg.FollowUpsOnAsync(lead));
        Assert.Equal(entries, await pg.CountAsync("SELECT count(*) FROM ledger_entries"));
    }

    [Fact]
    public async Task OnlyWithinTheWindowOnlyWhatAPolicyAppliedAndOnlyAReviewer()
    {
        await pg.ConfigureAsync(Governance.Andes, s => s.DemoteAfterUndos = 100);
        var (_, id) = await AutoAppliedAsync();
        await using (var rep = await pg.ServicesAsAsync("rep1@andes.demo", _clock))
            Assert.Equal(ApplyStatus.Refused, (await rep.GetRequiredService<UndoAutonomousAction>().UndoAsync(id, null)).Status);
        _clock.Advance(TimeSpan.FromHours(25));
        var late = await UndoAsManagerAsync(id);
        Assert.Equal(ApplyStatus.Refused, late.Status);
        Assert.Contains("window has closed", late.Message);
        Assert.Equal("Applied", await pg.StatusAsync(id));

        // A person's approval has no undo here.
        await pg.SetPolicyAsync(PolicyRules.Default);
        var (_, manual) = await pg.StagnantLeadSuggestionAsync(_clock);
        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock))
            Assert.Equal(ApplyStatus.Applied, (await manager.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(manual))).Status);
        Assert.Equal(ApplyStatus.Refused, (await UndoAsManagerAsync(manual)).Status);
    }

    [Fact]
    public async Task EnoughUndosInAWeekReturnTheActionToSuggestWithTheReasonOnTheLedger()
    {
        await pg.ConfigureAsync(Governance.Andes, s => s.DemoteAfterUndos = 2);
        // Ten days on: undos by other tests of this class are older than the week that counts.
        _clock.Advance(TimeSpan.FromDays(10));
        var first = await AutoAppliedAsync();
        var second = await pg.StagnantLeadSuggestionAsync(_clock);
        Assert.Equal("Applied", await pg.StatusAsync(second.Suggestion));

        await UndoAsManagerAsync(first.Suggestion);
        Assert.Equal("AutoWithUndo", await ModeAsync());
        await UndoAsManagerAsync(second.Suggestion);

        Assert.Equal("Suggest", await ModeAsync());
        var demotion = await pg.ScalarAsync<string>("SELECT data FROM ledger_entries WHERE kind = 'autonomy_demoted' ORDER BY sequence DESC LIMIT 1");
        Assert.Contains("undos in the last 7 days", demotion);
        // The next one waits for a person.
        var third = await pg.StagnantLeadSuggestionAsync(_clock);
        Assert.Equal("Pending", await pg.StatusAsync(third.Suggestion));
        await pg.ConfigureAsync(Governance.Andes, s => s.DemoteAfterUndos = 100);
    }

    private Task<string> ModeAsync() => pg.ScalarAsync<string>(
        "SELECT mode FROM autonomy_policies WHERE agent = 'lead_intelligence' AND action = 'schedule_follow_up' ORDER BY version DESC LIMIT 1");
}
