using System.Text.Json.Nodes;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Llm;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Autonomy.Llm;

/// <summary>
/// The pipeline with a model configured (over real HTTP to a loopback OpenAI-format server): the model's valid
/// proposal becomes the suggestion; any failure, or a spent budget, leaves the playbook's proposal, labelled so;
/// every conversation is stored with personal data masked.
/// </summary>
public sealed class HybridProposalTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;

    private ServiceProvider System(OpenAiLoopbackServer server) => pg.ServicesWith(new FixedTenantContext(Andes), null, s =>
        s.AddAiSuggestions(new AiOptions { Endpoint = server.BaseUrl, Model = "loopback-model", ApiKey = "test-key", TimeoutSeconds = 5 }));

    /// <summary>A fresh stagnant lead with one open trigger, and the trigger's id.</summary>
    private async Task<(Guid Lead, Guid Trigger)> StagnantLeadAsync(string email = "ana.client@example.com")
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(DateTimeOffset.UtcNow.AddDays(-12));
        await pg.ScalarAsync<int>("UPDATE leads SET email = @e WHERE id = @id RETURNING 1", ("e", email), ("id", lead));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        await pg.DetectAsync(Andes, TimeProvider.System, TriggerTypes.LeadStagnant);
        var trigger = await pg.ScalarAsync<Guid>("SELECT id FROM triggers WHERE record_id = @id AND closed_at IS NULL", ("id", lead));
        return (lead, trigger);
    }

    private static async Task ProposeAsync(ServiceProvider services, Guid trigger)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProposeSuggestions>().HandleAsync(triggerId: trigger);
    }

    [Fact]
    public async Task TheModelsValidProposalBecomesTheSuggestionAndTheConversationIsStoredMasked()
    {
        var (lead, trigger) = await StagnantLeadAsync();
        await using var server = new OpenAiLoopbackServer().ThenToolCall("crm-schedule_follow_up", new JsonObject
        {
            ["recordType"] = "Lead", ["recordId"] = lead.ToString(), ["type"] = "Email", ["subject"] = "Send the case study",
            ["dueAt"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O"), ["reasoning"] = "Quiet for 12 days; write to ana.client@example.com.", ["confidence"] = 0.7,
        }.ToJsonString(), 500, 80);
        await using var services = System(server);

        await ProposeAsync(services, trigger);

        var s = (await pg.RowsAsync("SELECT engine, tool, payload::text AS payload, confidence FROM suggestions WHERE trigger_id = @t", ("t", trigger))).Single();
        Assert.Equal("llm:loopback-model@prompt-v1", s["engine"]);
        Assert.Contains("Send the case study", (string)s["payload"]!);
        Assert.Equal(0.7m, s["confidence"]);
        var call = (await pg.RowsAsync("SELECT outcome, tokens_in, tokens_out, transcript FROM llm_calls WHERE trigger_id = @t", ("t", trigger))).Single();
        Assert.Equal(("proposed", 500, 80), ((string)call["outcome"]!, (int)call["tokens_in"]!, (int)call["tokens_out"]!));
        Assert.DoesNotContain("ana.client@example.com", (string)call["transcript"]!);
        Assert.Contains("[email]", (string)call["transcript"]!);
        Assert.Contains("<crm_data>", (string)call["transcript"]!);
        // The playbook would have called; the model chose an email: the reviewer sees both.
        var alternative = await pg.ScalarAsync<string>("SELECT alternative_action::text FROM suggestions WHERE trigger_id = @t", ("t", trigger));
        Assert.Contains("playbook:lead_stagnant@1", alternative);

        var correlation = await pg.ScalarAsync<Guid>("SELECT correlation_id FROM triggers WHERE id = @t", ("t", trigger));
        await using (var auditor = await pg.ServicesAsAsync("auditor@andes.demo"))
            Assert.Equal("proposed", Assert.Single(await auditor.GetRequiredService<LlmCallQueries>().ForCorrelationAsync(correlation)).Outcome);
        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo"))
            await Assert.ThrowsAsync<Autonomus.Core.Authorization.AccessDenied>(() => manager.GetRequiredService<LlmCallQueries>().ForCorrelationAsync(correlation));
    }

    [Fact]
    public async Task AFailingModelLeavesThePlaybooksProposalLabelledAsAFallback()
    {
        var (_, trigger) = await StagnantLeadAsync();
        await using var server = new OpenAiLoopbackServer().ThenStatus(500);
        await using var services = System(server);

        await ProposeAsync(services, trigger);

        var s = (await pg.RowsAsync("SELECT engine, reasoning FROM suggestions WHERE trigger_id = @t", ("t", trigger))).Single();
        Assert.Equal("playbook:lead_stagnant@1" + HybridSuggestionEngine.FallbackSuffix, s["engine"]);
        Assert.Contains("was not used: The model endpoint answered 500", (string)s["reasoning"]!);
        Assert.Equal("failed", await pg.ScalarAsync<string>("SELECT outcome FROM llm_calls WHERE trigger_id = @t", ("t", trigger)));
    }

    [Fact]
    public async Task AResponseThatIsNotAChatCompletionLeavesThePlaybooksProposal()
    {
        var (_, trigger) = await StagnantLeadAsync();
        await using var server = new OpenAiLoopbackServer().Then(new OpenAiLoopbackServer.Reply(200, """{"unexpected": true}"""));
        await using var services = System(server);

        await ProposeAsync(services, trigger);

        Assert.EndsWith(HybridSuggestionEngine.FallbackSuffix, await pg.ScalarAsync<string>("SELECT engine FROM suggestions WHERE trigger_id = @t", ("t", trigger)));
        Assert.Equal("failed", await pg.ScalarAsync<string>("SELECT outcome FROM llm_calls WHERE trigger_id = @t", ("t", trigger)));
    }

    [Fact]
    public async Task ASpentMonthlyBudgetSkipsTheModelAndUsesThePlaybook()
    {
        var (_, trigger) = await StagnantLeadAsync();
        await pg.ConfigureAsync(Andes, s => s.AiMonthlyTokenBudget = 0);
        await using var server = new OpenAiLoopbackServer().ThenMessage("NO_ACTION");
        await using var services = System(server);
        try
        {
            await ProposeAsync(services, trigger);
        }
        finally
        {
            await pg.ConfigureAsync(Andes, s => s.AiMonthlyTokenBudget = 500_000);
        }

        Assert.Empty(server.Requests);
        var s = (await pg.RowsAsync("SELECT engine, reasoning FROM suggestions WHERE trigger_id = @t", ("t", trigger))).Single();
        Assert.EndsWith(HybridSuggestionEngine.FallbackSuffix, (string)s["engine"]!);
        Assert.Contains("monthly token budget is spent", (string)s["reasoning"]!);
    }

    [Fact]
    public async Task InAScheduledRunTheModelReadsOnlyWhatTheRecordsOwningTeamMaySee()
    {
        var records = new CrmRecords(pg, Andes);
        var norte = await records.LeadAsync(DateTimeOffset.UtcNow.AddDays(-40), owner: await pg.UserIdAsync("rep2@andes.demo"), lastName: "Zuluaga Norte");
        var sur = await records.LeadAsync(DateTimeOffset.UtcNow.AddDays(-40), owner: await pg.UserIdAsync("rep3@andes.demo"), lastName: "Zuluaga Sur");
        var lead = await records.LeadAsync(DateTimeOffset.UtcNow.AddDays(-12), owner: await pg.UserIdAsync("rep1@andes.demo"));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        await pg.DetectAsync(Andes, TimeProvider.System, TriggerTypes.LeadStagnant);
        var trigger = await pg.ScalarAsync<Guid>("SELECT id FROM triggers WHERE record_id = @id AND closed_at IS NULL", ("id", lead));
        await using var server = new OpenAiLoopbackServer()
            .ThenToolCall("crm-search_records", new JsonObject { ["recordType"] = "Lead", ["query"] = "Zuluaga", ["limit"] = 20 }.ToJsonString())
            .ThenMessage("NO_ACTION");
        await using var services = System(server); // the scheduler's context: the tenant, no user

        await ProposeAsync(services, trigger);

        var answer = server.Requests.ElementAt(1)["messages"]!.AsArray().Single(m => m!["role"]!.ToString() == "tool")!["content"]!.ToString();
        Assert.Contains(norte.ToString(), answer); // rep1's team (Norte) may see rep2's lead
        Assert.DoesNotContain(sur.ToString(), answer); // but not team Sur's
    }
}
