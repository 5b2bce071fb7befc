using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Triggers;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy.Governed;

/// <summary>GET /api/v1/agents/{agent}: how an agent is doing over 7, 30 or 90 days, counted from its suggestions and triggers.</summary>
public sealed class AgentReportTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);

    [Fact]
    public async Task TheFiguresAreTheAgentsOwnOverTheChosenDaysAndBadInputIsAFieldErrorOrNotFound()
    {
        await DecisionHistory.SeedAsync(pg.Db.OwnerConnection, Governance.Andes,
            [new HistorySpec(AgentNames.CustomerRisk, TriggerTypes.AccountRisk, "tag_record", RecordType.Account, "playbook:account_risk@1", 120, 0.5, 0.2, 0.2, [0.72m])],
            _clock.GetUtcNow(), seed: 3);
        await pg.RefreshAndEvaluateAsync(_clock);
        // One of its suggestions failed to apply; the model spent 1,500 tokens on two of its conditions, one call failing.
        await pg.ExecuteAsync("UPDATE suggestions SET status = 'Failed' WHERE id = (SELECT id FROM suggestions WHERE agent = 'customer_risk' AND status = 'Rejected' ORDER BY id LIMIT 1)");
        await pg.ExecuteAsync("""
            INSERT INTO llm_calls (id, tenant_id, trigger_id, correlation_id, model, prompt_version, outcome, failure, tokens_in, tokens_out, latency_ms, transcript, at)
            SELECT gen_random_uuid(), t.tenant_id, t.id, t.correlation_id, 'test-model', 'v1', x.outcome, x.failure, x.tokens_in, x.tokens_out, 900, '[]', now() - interval '1 day'
            FROM (SELECT * FROM triggers WHERE type = 'account_risk' ORDER BY id LIMIT 1) t,
                 (VALUES ('proposed', NULL, 1000, 250), ('failed', 'timeout', 200, 50)) AS x(outcome, failure, tokens_in, tokens_out)
            """);
        await using var app = new AppFactory(pg.Db.AppConnection);
        var reader = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", Autonomus.Core.ApiKeys.ApiKeyScope.Read, "reader"));

        var report = await (await reader.GetAsync("/api/v1/agents/customer_risk?days=90")).Content.ReadFromJsonAsync<JsonElement>();
        var expected = (await pg.RowsAsync("""
            SELECT count(*) AS n,
                   count(*) FILTER (WHERE status = 'Applied' AND edited_payload IS NULL) AS accepted,
                   count(*) FILTER (WHERE status = 'Applied' AND edited_payload IS NOT NULL) AS edited,
                   count(*) FILTER (WHERE status = 'Rejected') AS rejected
            FROM suggestions WHERE agent = 'customer_risk' AND created_at >= now() - interval '90 days'
            """)).Single();
        Assert.Equal((long)expected["n"]!, report.GetProperty("suggestions").GetInt32());
        Assert.Equal((long)expected["accepted"]!, report.GetProperty("accepted").GetInt32());
        Assert.Equal((long)expected["edited"]!, report.GetProperty("edited").GetInt32());
        Assert.Equal((long)expected["rejected"]!, report.GetProperty("rejected").GetInt32());
        Assert.True(report.GetProperty("calibrationError").GetDecimal() > 0);
        Assert.Equal((1, 1500, 1), (report.GetProperty("failed").GetInt32(), report.GetProperty("modelTokens").GetInt64(), report.GetProperty("modelFailures").GetInt32()));
        Assert.Contains(report.GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString() == "tag_record");
        Assert.Equal(["account_risk", "account_unhealthy", "contact_inactive"], report.GetProperty("triggerTypes").EnumerateArray().Select(t => t.GetString()).Order());
        // Day by day (the chart): every day of the range, summing to the totals, the busiest day as the database counts it.
        var daily = report.GetProperty("daily").EnumerateArray().ToList();
        Assert.Equal(91, daily.Count);
        Assert.Equal(report.GetProperty("suggestions").GetInt32(), daily.Sum(d => d.GetProperty("suggestions").GetInt32()));
        Assert.Equal(report.GetProperty("triggers").GetInt32(), daily.Sum(d => d.GetProperty("triggers").GetInt32()));
        var busiest = (await pg.RowsAsync("""
            SELECT (created_at AT TIME ZONE 'UTC')::date::text AS day, count(*) AS n FROM suggestions
            WHERE agent = 'customer_risk' AND created_at >= now() - interval '90 days' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1
            """)).Single();
        Assert.Equal((long)busiest["n"]!, daily.Single(d => d.GetProperty("day").GetString() == (string)busiest["day"]!).GetProperty("suggestions").GetInt32());

        // A shorter period counts fewer (the history spreads over 90 days).
        var week = await (await reader.GetAsync("/api/v1/agents/customer_risk?days=7")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(week.GetProperty("suggestions").GetInt32() < report.GetProperty("suggestions").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/api/v1/agents/customer_risk?days=5")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/v1/agents/nobody")).StatusCode);
        var rep = await ApiClient.AsUserAsync(app, pg, "rep1@andes.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/v1/agents/customer_risk")).StatusCode);
    }
}
