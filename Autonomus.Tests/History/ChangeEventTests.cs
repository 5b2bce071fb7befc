using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.ApiKeys;
using Autonomus.Core.Agents;
using Autonomus.Core.Apply;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Crm.Leads;
using Autonomus.Core.Policies;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Autonomy.Governed;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Autonomus.Tests.History;

/// <summary>
/// Every change to a CRM record leaves a change event in its transaction, whatever wrote it: raw SQL as the runtime role,
/// the console's use cases, the API with a key, a person's approval and a policy's apply — each naming its actor (and the
/// apply its suggestion and correlation id); derived data (scores, last touch) is not a change.
/// </summary>
public sealed class ChangeEventTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);

    private Task<List<Dictionary<string, object?>>> EventsAsync(Guid record) => pg.RowsAsync("""
        SELECT operation, actor, actor_type, cause, correlation_id, version, changes::text AS changes FROM change_events WHERE record_id = @id ORDER BY id
        """, ("id", record));

    [Fact]
    public async Task RawSqlAsTheRuntimeRoleIsCapturedAndDerivedDataIsNot()
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(DateTimeOffset.UtcNow.AddDays(-3));
        await using (var connection = new NpgsqlConnection(pg.Db.AppConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                SET app.tenant_id = '{Andes}';
                UPDATE leads SET status = 'Contacted', version = version + 1, updated_at = now() WHERE id = '{lead}';
                UPDATE leads SET predicted_score = 77, score_factors = '[]', scored_at = now(), last_activity_at = now() WHERE id = '{lead}';
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        // Only writes to records make events: the runtime role may not write one itself, nor a snapshot.
        await using (var connection = new NpgsqlConnection(pg.Db.AppConnection))
        {
            await connection.OpenAsync();
            foreach (var forged in new[]
            {
                $"INSERT INTO change_events (tenant_id, record_type, record_id, operation, changes, actor, actor_type, at, tx) VALUES ('{Andes}', 'Lead', '{lead}', 'updated', '{{}}', 'system', 'system', now(), pg_current_xact_id())",
                $"INSERT INTO change_snapshots (tenant_id, record_id, event_id, at, state) VALUES ('{Andes}', '{lead}', 9223372036854775807, now(), '{{}}')",
            })
            {
                await using var command = new NpgsqlCommand($"SET app.tenant_id = '{Andes}'; {forged}", connection);
                Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync())).SqlState);
            }
        }

        var events = await EventsAsync(lead);
        Assert.Equal(["created", "updated"], events.Select(e => (string)e["operation"]!));
        var update = events[1];
        Assert.Equal(("system", "system", 2), ((string)update["actor"]!, (string)update["actor_type"]!, (int)update["version"]!));
        var changes = JsonDocument.Parse((string)update["changes"]!).RootElement;
        Assert.Equal(["status"], changes.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("New", "Contacted"), (changes.GetProperty("status")[0].GetString(), changes.GetProperty("status")[1].GetString()));
    }

    [Fact]
    public async Task TheConsoleAndTheApiNameThePersonAndTheKey()
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(DateTimeOffset.UtcNow.AddDays(-3));
        await using (var console = await pg.ServicesAsAsync("admin@andes.demo"))
        {
            var queries = console.GetRequiredService<LeadQueries>();
            var detail = (await queries.GetAsync(lead))!;
            var input = LeadInput.From(detail);
            input.Company = "Viñedos del Sur SpA";
            await console.GetRequiredService<SaveLead>().UpdateAsync(lead, detail.Version, input);
        }
        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.ReadWrite, "crm-sync"));
        var read = await client.GetAsync($"/api/v1/leads/{lead}");
        var body = await read.Content.ReadFromJsonAsync<JsonElement>();
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/leads/{lead}")
        {
            Content = JsonContent.Create(new { firstName = body.GetProperty("firstName").GetString(), lastName = body.GetProperty("lastName").GetString(),
                company = "Viñedos del Sur Ltda.", source = "Website", score = 40 }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(put)).StatusCode);

        var events = await EventsAsync(lead);
        var admin = await pg.UserIdAsync("admin@andes.demo");
        var key = await pg.ScalarAsync<Guid>("SELECT id FROM api_keys WHERE name = 'crm-sync'");
        Assert.Equal($"person:{admin}", events[1]["actor"]);
        Assert.Contains("Viñedos del Sur SpA", (string)events[1]["changes"]!);
        Assert.Equal($"api_key:{key}", events[2]["actor"]);
        Assert.Contains("Viñedos del Sur Ltda.", (string)events[2]["changes"]!);
    }

    [Fact]
    public async Task AnApprovalAndAPolicyNameTheSuggestionAsTheCauseAndThePolicyAsTheActor()
    {
        var (_, byPerson) = await pg.StagnantLeadSuggestionAsync(_clock);
        await using (var asManager = await pg.ServicesAsAsync("manager@andes.demo", _clock))
            Assert.Equal(ApplyStatus.Applied, (await asManager.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(byPerson))).Status);
        var version = await pg.SetPolicyAsync(PolicyRules.Default with { MaxPerDay = 1000 });
        var (_, byPolicy) = await pg.StagnantLeadSuggestionAsync(_clock);
        var grant = new PolicyGrant(AgentNames.LeadIntelligence, Governance.FollowUp, version, new PolicyRules(PolicyMode.AutoWithUndo, MaxPerDay: 1000), TimeSpan.FromHours(24));
        await using (var system = pg.Services(Andes, clock: _clock))
            Assert.Equal(ApplyStatus.Applied, (await system.GetRequiredService<SafeApplyEngine>().ApplyUnderPolicyAsync(byPolicy, grant)).Status);

        var manager = await pg.UserIdAsync("manager@andes.demo");
        foreach (var (suggestion, actor) in new[] { (byPerson, $"person:{manager}"), (byPolicy, $"policy:lead_intelligence/schedule_follow_up@v{version}") })
        {
            // The follow-up the apply created is a new activity: its creation names who and why.
            var created = (await pg.RowsAsync("""
                SELECT e.actor, e.correlation_id, s.correlation_id AS expected FROM change_events e JOIN suggestions s ON e.cause = 'suggestion:' || s.id
                WHERE s.id = @s AND e.record_type = 'Activity' AND e.operation = 'created'
                """, ("s", suggestion))).Single();
            Assert.Equal(actor, created["actor"]);
            Assert.Equal(created["expected"], created["correlation_id"]);
        }
    }
}
