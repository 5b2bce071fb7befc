using Autonomus.Core.Agents;
using Autonomus.Core.Apply;
using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>An action that throws while it runs leaves no trace in the CRM; the suggestion is marked failed with the error, in the ledger.</summary>
public sealed class SafeApplyFailureTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);

    private static void AddExplodingTools(IServiceCollection services)
    {
        services.AddSingleton<ITool>(new ExplodingTool(afterSave: false));
        services.AddSingleton<ITool>(new ExplodingTool(afterSave: true));
    }

    /// <summary>A Norte lead and a pending suggestion (with its trigger) to run <paramref name="tool"/> on it, written as the system.</summary>
    private async Task<(Guid Lead, Guid Suggestion, Guid Trigger)> SuggestionUsingAsync(string tool)
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(_clock.GetUtcNow().AddDays(-9), owner: await pg.UserIdAsync("rep1@andes.demo"));
        var now = _clock.GetUtcNow();
        var trigger = new Trigger(Andes, TriggerTypes.LeadStagnant, RecordType.Lead, lead, "{}", now, Guid.CreateVersion7());
        var suggestion = new Suggestion(Andes, trigger.Id, trigger.Type, AgentNames.LeadIntelligence, tool, $$"""{"leadId":"{{lead}}"}""",
            RecordType.Lead, lead, 1, "Test lead", "Break half-way", "A test of failure handling.", "{}", 0.5m, SuggestionPriority.Normal,
            "test", trigger.CorrelationId, now, now.AddDays(7));
        await using var sp = pg.ServicesWith(new FixedTenantContext(Andes), _clock, AddExplodingTools);
        await using var db = await sp.GetRequiredService<ICrmDbFactory>().OpenAsync();
        db.Triggers.Add(trigger);
        db.Suggestions.Add(suggestion);
        await db.SaveChangesAsync();
        return (lead, suggestion.Id, trigger.Id);
    }

    private async Task<ApplyOutcome> ApproveAsManagerAsync(Guid id)
    {
        await using var sp = await pg.ServicesWithAsync("manager@andes.demo", _clock, AddExplodingTools);
        return await sp.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(id));
    }

    private async Task AssertLeadUntouchedAsync(Guid lead)
    {
        var row = (await pg.RowsAsync("SELECT tags, version, score FROM leads WHERE id = @id", ("id", lead))).Single();
        Assert.Empty((string[])row["tags"]!);
        Assert.NotEqual(99, row["score"]); // the in-transaction work's write was rolled back
        Assert.Equal(1, row["version"]);
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @id", ("id", lead)));
    }

    [Theory]
    [InlineData(ExplodingTool.WhileRunning, "The tool broke half-way.")]
    [InlineData(ExplodingTool.AfterSave, "The after-save work broke.")]
    public async Task AnActionThatThrowsIsMarkedFailedWithTheErrorAndLeavesNoPartialChange(string tool, string error)
    {
        var (lead, id, _) = await SuggestionUsingAsync(tool);

        var outcome = await ApproveAsManagerAsync(id);

        Assert.Equal(ApplyStatus.Failed, outcome.Status);
        Assert.Contains(error, outcome.Message);
        await AssertLeadUntouchedAsync(lead);
        var row = (await pg.RowsAsync("SELECT status, apply_result, correlation_id FROM suggestions WHERE id = @id", ("id", id))).Single();
        Assert.Equal("Failed", row["status"]);
        Assert.Equal($"InvalidOperationException: {error}", row["apply_result"]);
        var trail = await pg.RowsAsync("SELECT kind, data FROM ledger_entries WHERE correlation_id = @c ORDER BY sequence", ("c", row["correlation_id"]!));
        Assert.Equal(["action_failed"], trail.Select(r => (string)r["kind"]!));
        Assert.Contains(error, (string)trail[0]["data"]!);
    }

    [Fact]
    public async Task ApprovingAFailedSuggestionAgainRunsNothing()
    {
        var (lead, id, _) = await SuggestionUsingAsync(ExplodingTool.AfterSave);
        await ApproveAsManagerAsync(id);

        var again = await ApproveAsManagerAsync(id);

        Assert.Equal(ApplyStatus.Failed, again.Status);
        Assert.Contains("already failed", again.Message);
        await AssertLeadUntouchedAsync(lead);
        Assert.Equal(1, await pg.CountAsync(
            "SELECT count(*) FROM ledger_entries e JOIN suggestions s ON s.correlation_id = e.correlation_id WHERE s.id = @id", ("id", id)));
    }

    [Fact]
    public async Task AFailedApplyClosesItsTriggerSoTheConditionCanBeRaisedAgain()
    {
        // Trigger.cs: "It closes when its suggestion is resolved"; Suggestion.IsResolved counts Failed. An open trigger
        // whose suggestion failed blocks the same condition on the same record from ever being detected again.
        var (_, id, trigger) = await SuggestionUsingAsync(ExplodingTool.WhileRunning);

        Assert.Equal(ApplyStatus.Failed, (await ApproveAsManagerAsync(id)).Status);

        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM triggers WHERE id = @id AND closed_at IS NULL", ("id", trigger)));
    }
}
