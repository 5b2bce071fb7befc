using System.Text.Json.Nodes;
using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Autonomy;

/// <summary>Playbooks turn detected triggers into suggestions that fit their tool, explain themselves with the facts, and are in the ledger.</summary>
public sealed class PlaybookProposalTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;

    /// <summary>The fact each playbook must quote from its trigger's context, in Andes's language (Spanish).</summary>
    private static string ExpectedFact(string type, JsonObject c) => type switch
    {
        TriggerTypes.LeadStagnant => $"sin actividad hace {c["days_stagnant"]} días",
        TriggerTypes.DealDecay => $"sin actividad hace {c["days_without_activity"]} días",
        TriggerTypes.DealRegressed => $"retrocedió de {Stage(c["stage_before"])} a {Stage(c["stage_after"])}",
        TriggerTypes.ActivityOverdue => $"lleva {c["days_overdue"]} días de atraso",
        TriggerTypes.OpportunityHot => $"Probabilidad {c["probability"]}% ({(c["probability_source"]!.ToString() == "model" ? "predicha" : "la fijada")}",
        Autonomus.Core.Agents.DealStrategy.DealStrategyAgent.CloseDateSlipping => $"pasó hace {c["days_overdue"]} días",
        TriggerTypes.ContactInactive => $"sin actividad hace {c["days_inactive"]} días",
        TriggerTypes.AccountRisk => $"bajó de {c["activities_previous"]} a {c["activities_recent"]} en los últimos {c["window_days"]} días",
        DataQualityAgent.DuplicateContact or DataQualityAgent.DuplicateLead or DataQualityAgent.DuplicateAccount => "creado antes",
        DataQualityAgent.InvalidContactData or DataQualityAgent.InvalidLeadData or DataQualityAgent.InvalidAccountData =>
            c["problem"]!.ToString() == "unreachable" ? "no tiene correo ni teléfono" : c["value"]!.ToString(),
        Autonomus.Core.Agents.Compliance.ComplianceAgent.PersonalDataInNotes => "un RUT",
        Autonomus.Core.Agents.LeadIntelligence.LeadIntelligenceAgent.HotUnworked => $"le da {c["predicted_score"]}/100",
        Autonomus.Core.Agents.LeadIntelligence.LeadIntelligenceAgent.UntouchedByOwner => $"{c["candidate_name"]} tiene {c["candidate_open"]} prospectos abiertos",
        Autonomus.Core.Agents.CustomerRisk.CustomerRiskAgent.AccountUnhealthy => $"Su salud es {c["health"]}/100",
        Autonomus.Core.Agents.Communication.CommunicationAgent.ContactReengagement => $"hace {c["days_silent"]} días",
        _ => throw new ArgumentException(type),
    };

    private static string Stage(JsonNode? stage) =>
        Autonomus.Core.Localization.CoreText.Enum(Enum.Parse<Autonomus.Core.Crm.DealStage>(stage!.ToString()), System.Globalization.CultureInfo.GetCultureInfo("es-CL"));

    [Fact]
    public async Task TheSeededDataYieldsSuggestionsOfAllSevenTypesThatFitTheirToolsQuoteTheFactsAndAreInTheLedger()
    {
        // The demo data is shaped relative to the moment it was seeded (the tenants are 200 days old then).
        var seededAt = await pg.ScalarAsync<DateTime>("SELECT created_at + interval '200 days' FROM tenants WHERE id = @t", ("t", Andes));
        var clock = AutonomyFlow.ClockAt(new DateTimeOffset(seededAt, TimeSpan.Zero).AddMinutes(1));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 15);

        // Customer Risk's account health and the agents' predictions are computed by their job; the detectors read them.
        await pg.ConfigureAsync(Andes, s => (s.LeadScoreMinOutcomes, s.DealWinMinOutcomes) = (100, 100));
        await using (var jobs = pg.Services(Andes, clock: clock))
        {
            await jobs.GetRequiredService<Autonomus.Core.Agents.CustomerRisk.Health.RefreshAccountHealth>().HandleAsync();
            foreach (var prediction in Autonomus.Core.Agents.AgentCatalogue.Predictions)
            {
                await jobs.GetRequiredService<Autonomus.Core.Agents.Prediction.TrainPrediction>().HandleAsync(prediction);
                await jobs.GetRequiredService<Autonomus.Core.Agents.Prediction.ScorePrediction>().HandleAsync(prediction);
            }
        }
        var found = await pg.DetectAsync(Andes, clock);
        await using var sp = pg.Services(Andes, clock: clock);
        var created = await sp.GetRequiredService<ProposeSuggestions>().HandleAsync(max: 10_000);

        Assert.All(TriggerTypes.Detected, d => Assert.True(found[d.Type] > 0, $"no {d.Type} trigger on the seeded data"));
        Assert.True(created > 0);
        var rows = await pg.RowsAsync("""
            SELECT s.trigger_type, s.tool, s.payload::text AS payload, s.engine, s.reasoning, s.status, s.correlation_id,
                   t.record_id, t.context::text AS context, t.correlation_id AS trigger_correlation
            FROM suggestions s JOIN triggers t ON t.id = s.trigger_id WHERE s.tenant_id = @t
            """, ("t", Andes));
        Assert.Equal(TriggerTypes.Detected.Select(d => d.Type).Order(), rows.Select(r => (string)r["trigger_type"]!).Distinct().Order());

        var tools = sp.GetRequiredService<ToolCatalogue>();
        Assert.All(rows, r =>
        {
            var type = (string)r["trigger_type"]!;
            var payload = (string)r["payload"]!;
            var context = JsonNode.Parse((string)r["context"]!)!.AsObject();
            Assert.Empty(tools.GetMutation((string)r["tool"]!).Schema.Validate(payload));
            Assert.Equal($"playbook:{type}@1", r["engine"]);
            Assert.Contains(ExpectedFact(type, context), (string)r["reasoning"]!);
            Assert.Equal("Pending", r["status"]);
            Assert.Equal(r["trigger_correlation"], r["correlation_id"]);
            // The action is about the trigger's record (for an overdue activity: the record it hangs on).
            var target = type == TriggerTypes.ActivityOverdue ? context["related_id"]!.ToString() : r["record_id"]!.ToString()!;
            Assert.Contains(target, payload);
        });

        Assert.Equal(0, await pg.CountAsync("""
            SELECT count(*) FROM suggestions s
            WHERE s.tenant_id = @t AND (
                NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.kind = 'trigger_detected' AND e.subject_id = s.trigger_id AND e.correlation_id = s.correlation_id)
             OR NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.kind = 'suggestion_created' AND e.subject_id = s.id AND e.correlation_id = s.correlation_id))
            """, ("t", Andes)));
        // Every trigger either has its suggestion or was closed for want of a sensible action.
        Assert.Equal(0, await pg.CountAsync(
            "SELECT count(*) FROM triggers t WHERE t.tenant_id = @t AND t.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM suggestions s WHERE s.trigger_id = t.id)",
            ("t", Andes)));
        Assert.Equal(0, await sp.GetRequiredService<ProposeSuggestions>().HandleAsync(max: 10_000));
    }

    [Fact]
    public async Task ALongSilentLeadGetsAFollowUpCallWhileAContactedOneIsMarkedUnqualifiedBothQuotingTheDays()
    {
        var clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
        var records = new CrmRecords(pg, Andes);
        // Older than anything seeded, so a cap of two takes exactly these.
        var fresh = await records.LeadAsync(clock.GetUtcNow().AddDays(-400), status: "New");
        var contacted = await records.LeadAsync(clock.GetUtcNow().AddDays(-401), status: "Contacted");
        await pg.ConfigureAsync(Andes, s => { s.MaxTriggersPerRun = 2; s.LeadStagnantDays = 7; });

        await pg.DetectAsync(Andes, clock, TriggerTypes.LeadStagnant);
        await using var sp = pg.Services(Andes, clock: clock);
        foreach (var id in await pg.IdsAsync("SELECT id FROM triggers WHERE record_id IN (@a, @b)", ("a", fresh), ("b", contacted)))
            await sp.GetRequiredService<ProposeSuggestions>().HandleAsync(triggerId: id);

        var call = (await pg.RowsAsync("SELECT tool, reasoning, payload->>'type' AS type FROM suggestions WHERE record_id = @id", ("id", fresh))).Single();
        Assert.Equal("schedule_follow_up", call["tool"]);
        Assert.Equal("Call", call["type"]);
        Assert.Contains("Prospecto sin actividad hace 400 días", (string)call["reasoning"]!);
        var giveUp = (await pg.RowsAsync("SELECT tool, reasoning, payload->>'status' AS status FROM suggestions WHERE record_id = @id", ("id", contacted))).Single();
        Assert.Equal("update_lead_status", giveUp["tool"]);
        Assert.Equal("Unqualified", giveUp["status"]);
        Assert.Contains("Prospecto sin actividad hace 401 días", (string)giveUp["reasoning"]!);
    }

    [Fact]
    public async Task APlaybookWritesInItsOrganisationsLanguage()
    {
        var clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
        var northwind = PostgresFixture.Northwind;
        var lead = await new CrmRecords(pg, northwind).LeadAsync(clock.GetUtcNow().AddDays(-402), status: "New");
        await pg.ConfigureAsync(northwind, s => { s.MaxTriggersPerRun = 1; s.LeadStagnantDays = 7; });

        await pg.DetectAsync(northwind, clock, TriggerTypes.LeadStagnant);
        await using var sp = pg.Services(northwind, clock: clock);
        foreach (var id in await pg.IdsAsync("SELECT id FROM triggers WHERE record_id = @a", ("a", lead)))
            await sp.GetRequiredService<ProposeSuggestions>().HandleAsync(triggerId: id);

        var row = (await pg.RowsAsync("SELECT summary, reasoning FROM suggestions WHERE record_id = @id", ("id", lead))).Single();
        Assert.Contains("Lead inactive for 402 days", (string)row["reasoning"]!);
        Assert.Matches(@"^Call .+ on \d{4}-\d{2}-\d{2}$", (string)row["summary"]!);
    }
}
