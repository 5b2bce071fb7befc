using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Autonomus.Tests.Web.Http;

/// <summary>
/// Every route that takes a record id, API endpoint or console page, read from the app's own route table
/// (so a new one is covered without editing this test), is called by a signed-in user of tenant A with
/// tenant B's ids: the answer is 404 or 403, never a piece of B's data, and nothing of B's changes.
/// </summary>
public sealed class IsolationSuiteTests(PostgresFixture pg, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    // Record kind (first path segment) → a row of tenant B's, and a value of it that must never show up for A.
    private static readonly Dictionary<string, string> ForeignRecord = new()
    {
        ["leads"] = "SELECT id, email FROM leads WHERE tenant_id = @t LIMIT 1",
        ["deals"] = "SELECT id, name FROM deals WHERE tenant_id = @t LIMIT 1",
        ["accounts"] = "SELECT id, name FROM accounts WHERE tenant_id = @t LIMIT 1",
        ["contacts"] = "SELECT id, email FROM contacts WHERE tenant_id = @t LIMIT 1",
        ["activities"] = "SELECT id, body FROM activities WHERE tenant_id = @t AND body IS NOT NULL LIMIT 1",
        ["suggestions"] = "SELECT id, reasoning FROM suggestions WHERE tenant_id = @t AND status = 'Pending' LIMIT 1",
        ["autonomy"] = "SELECT id, evidence::text FROM autonomy_offers WHERE tenant_id = @t AND status = 'Pending' LIMIT 1",
        ["agents"] = "SELECT id, evidence::text FROM recommendations WHERE tenant_id = @t AND status = 'Open' LIMIT 1",
        ["batches"] = "SELECT batch_id, changes ->> 'company' FROM change_events WHERE tenant_id = @t AND batch_id IS NOT NULL AND changes ? 'company' LIMIT 1",
        ["automations"] = "SELECT a.id, v.document ->> 'description' FROM automations a JOIN automation_versions v ON v.automation_id = a.id WHERE a.tenant_id = @t LIMIT 1",
    };

    /// <summary>What must not change on a foreign row: its version; a suggestion's decision state (it has no version of its own).</summary>
    private static string StateSql(string kind) => kind switch
    {
        "suggestions" => "SELECT status || coalesce(edited_payload::text, '') || coalesce(review_note, '') FROM suggestions WHERE id = @id",
        "autonomy" => "SELECT status || coalesce(note, '') FROM autonomy_offers WHERE id = @id",
        "agents" => "SELECT status || coalesce(note, '') FROM recommendations WHERE id = @id",
        "automations" => "SELECT a.version::text || a.state || (SELECT string_agg(v.number || v.status, ',') FROM automation_versions v WHERE v.automation_id = a.id) FROM automations a WHERE a.id = @id",
        "batches" => "SELECT string_agg(l.version::text || l.company, ',') FROM leads l WHERE l.id IN (SELECT record_id FROM change_events WHERE batch_id = @id)",
        _ => $"SELECT version::text FROM {kind} WHERE id = @id",
    };

    /// <summary>Tenant B's pending suggestions, for the suggestion routes to aim at.</summary>
    private async Task EnsureForeignSuggestionsAsync()
    {
        // An autonomy offer waiting for tenant B's Admins, for the offer routes to aim at.
        await pg.ExecuteAsync("""
            INSERT INTO autonomy_offers (id, tenant_id, agent, action, from_version, evidence, status, created_at)
            SELECT gen_random_uuid(), @t, 'lead_intelligence', 'schedule_follow_up', 0, '{"secret": "northwind offer evidence"}', 'Pending', now()
            WHERE NOT EXISTS (SELECT 1 FROM autonomy_offers WHERE tenant_id = @t AND status = 'Pending')
            """, ("t", PostgresFixture.Northwind));
        // And an Automation Optimizer recommendation, for the recommendation routes.
        await pg.ExecuteAsync("""
            INSERT INTO recommendations (id, tenant_id, agent, kind, subject, current_value, proposed_value, evidence, status, created_at)
            SELECT gen_random_uuid(), @t, 'lead_intelligence', 'Threshold', 'lead_stagnant_days', 7, 10,
                   '{"Decisions": 40, "RaisedBelow": 20, "RejectedBelow": 0.9, "AcceptedKept": 0.95, "secret": "northwind recommendation"}', 'Open', now()
            WHERE NOT EXISTS (SELECT 1 FROM recommendations WHERE tenant_id = @t AND status = 'Open')
            """, ("t", PostgresFixture.Northwind));
        // An automation of tenant B's, for the automation routes.
        await pg.ExecuteAsync("""
            WITH a AS (INSERT INTO automations (id, tenant_id, name, state, created_at, updated_at, version)
                       SELECT gen_random_uuid(), @t, 'Northwind follow-up', 'Enabled', now(), now(), 1
                       WHERE NOT EXISTS (SELECT 1 FROM automations WHERE tenant_id = @t) RETURNING id)
            INSERT INTO automation_versions (automation_id, number, tenant_id, status, document, created_at)
            SELECT a.id, 1, @t, 'Published', '{"name": "Northwind follow-up", "description": "northwind automation secret", "trigger": {"kind": "RecordCreated", "recordType": "Lead"}, "steps": [{"id": "n", "kind": "Notify", "role": "Admin", "message": "x"}]}', now() FROM a
            """, ("t", PostgresFixture.Northwind));
        // And a batch of tenant B's (two leads changed as one), for the batch routes.
        await pg.ExecuteAsync("""
            WITH batch AS (SELECT set_config('app.batch_id', gen_random_uuid()::text, true) AS id)
            UPDATE leads SET company = 'northwind batch secret', version = version + 1
            WHERE id IN (SELECT id FROM leads WHERE tenant_id = @t ORDER BY id LIMIT 2) AND EXISTS (SELECT 1 FROM batch)
              AND NOT EXISTS (SELECT 1 FROM change_events WHERE tenant_id = @t AND batch_id IS NOT NULL)
            """, ("t", PostgresFixture.Northwind));
        if (await pg.ScalarAsync<long>("SELECT count(*) FROM suggestions WHERE tenant_id = @t AND status = 'Pending'", ("t", PostgresFixture.Northwind)) > 0) return;
        await using var services = pg.Services(PostgresFixture.Northwind);
        await services.GetRequiredService<Autonomus.Core.Triggers.DetectTriggers>().HandleAsync([Autonomus.Core.Triggers.TriggerTypes.LeadStagnant]);
        while (await services.GetRequiredService<Autonomus.Core.Suggestions.ProposeSuggestions>().HandleAsync() > 0) { }
    }

    private sealed record IdRoute(string Template, string Kind, string Method, bool IsPage);

    private static List<IdRoute> RoutesWithAnId(AppFactory app)
    {
        var routes = new List<IdRoute>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (!pattern.Parameters.Any(p => p.Name.Equals("id", StringComparison.OrdinalIgnoreCase))) continue;
            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var literals = pattern.PathSegments.SelectMany(s => s.Parts).OfType<Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart>()
                .Select(l => l.Content).Where(c => c is not ("api" or "v1")).ToList();
            var kind = literals.First();
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is "GET" or "PUT" or "POST" or "DELETE" or "PATCH"))
            {
                if (isPage && method != "GET") continue; // page POSTs are antiforgery-protected form handlers of the same page
                routes.Add(new IdRoute(pattern.RawText!, kind, method, isPage));
            }
        }
        return routes;
    }

    [Fact]
    public async Task NoRouteThatTakesARecordIdLetsTenantAReachTenantB()
    {
        await EnsureForeignSuggestionsAsync();
        await using var app = new AppFactory(pg.Db.AppConnection);
        var routes = RoutesWithAnId(app);
        Assert.All(routes, r => Assert.True(ForeignRecord.ContainsKey(r.Kind),
            $"{r.Method} {r.Template} takes an id of kind '{r.Kind}', which this suite does not know: add a query for it above."));
        Assert.Contains(routes, r => r.IsPage);
        Assert.Contains(routes, r => !r.IsPage && r.Method == "PUT");

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiClient.TokenAsync(api, pg, "admin@andes.demo"));
        var console = await ConsoleSignIn.SignedInClientAsync(app, pg, "admin@andes.demo");

        var ownAccount = await pg.ScalarAsync<Guid>("SELECT id FROM accounts WHERE tenant_id = @t LIMIT 1", ("t", PostgresFixture.Andes));
        var ownLead = await pg.ScalarAsync<Guid>("SELECT id FROM leads WHERE tenant_id = @t LIMIT 1", ("t", PostgresFixture.Andes));
        // A valid body for each kind, pointing at A's own records, so that the foreign id is the only thing wrong (a record's
        // body also carries what its restore, archive, legal hold and erasure routes read).
        var validBody = new Dictionary<string, object>
        {
            ["leads"] = new { firstName = "Hijack", lastName = "Attempt", asOf = "2026-01-01T00:00:00Z", reason = "Hijack", hold = true },
            ["deals"] = new { name = "Hijack", accountId = ownAccount, amount = 10, currency = "CLP", probability = 10, expectedCloseDate = "2027-01-31", asOf = "2026-01-01T00:00:00Z", reason = "Hijack", hold = true },
            ["accounts"] = new { name = "Hijack", asOf = "2026-01-01T00:00:00Z", reason = "Hijack", hold = true, related = "Archive" },
            ["contacts"] = new { firstName = "Hijack", lastName = "Attempt", accountId = ownAccount, asOf = "2026-01-01T00:00:00Z", reason = "Hijack", hold = true },
            ["activities"] = new { type = "Call", subject = "Hijack", relatedType = "Lead", relatedId = ownLead, done = true },
            ["suggestions"] = new { reason = "Hijack", note = "Hijack" },
            ["autonomy"] = new { note = "Hijack" },
            ["agents"] = new { note = "Hijack" },
            ["batches"] = new { },
            ["automations"] = new { name = "Hijack", trigger = new { kind = "RecordCreated", recordType = "Lead" }, steps = new[] { new { id = "n", kind = "Notify", role = "Admin", message = "Hijack" } } },
        };

        var tried = 0;
        foreach (var route in routes)
        {
            var (id, secret) = await ForeignAsync(route.Kind);
            var stateBefore = await pg.ScalarAsync<string>(StateSql(route.Kind), ("id", id));
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(route.Template.TrimStart('/'), @"\{id(:[a-z]+)?\}", id.ToString(), System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
            if (route.Method is "PUT" or "POST" or "PATCH")
            {
                request.Content = JsonContent.Create(validBody[route.Kind], validBody[route.Kind].GetType());
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{stateBefore}\"");
            }
            var response = await (route.IsPage ? console : api).SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                $"{route.Method} {path} answered {(int)response.StatusCode} to another tenant's id");
            Assert.DoesNotContain(secret, body);
            Assert.Equal(stateBefore, await pg.ScalarAsync<string>(StateSql(route.Kind), ("id", id)));
            output.WriteLine($"{(int)response.StatusCode} {route.Method} {route.Template}");
            tried++;
        }
        output.WriteLine($"{tried} routes × tenant B ids: all refused");
        Assert.True(tried >= 18, $"only {tried} routes found");
    }

    /// <summary>
    /// The same sweep with credentials that must not work at all: tenant A's token together with a key of tenant B (two
    /// credentials), and the token of a user disabled after it was issued. Every route answers 401 and shows nothing.
    /// </summary>
    [Fact]
    public async Task MixedCredentialsAndADisabledUsersTokenReachNothingOnAnyRoute()
    {
        await EnsureForeignSuggestionsAsync();
        await using var app = new AppFactory(pg.Db.AppConnection);
        var routes = RoutesWithAnId(app).Where(r => !r.IsPage).ToList();
        var mixed = app.CreateClient();
        mixed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiClient.TokenAsync(mixed, pg, "admin@andes.demo"));
        mixed.DefaultRequestHeaders.Add("X-Api-Key", await ApiClient.IssueKeyAsync(pg, "admin@northwind.demo", Autonomus.Core.ApiKeys.ApiKeyScope.ReadWrite, "leaked"));

        var disabled = app.CreateClient();
        disabled.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiClient.TokenAsync(disabled, pg, "rep4@northwind.demo"));
        await using (var sp = await pg.ServicesAsAsync("admin@northwind.demo"))
            await sp.GetRequiredService<Autonomus.Core.Tenancy.Users.UserAdministration>().SetDisabledAsync(await pg.UserIdAsync("rep4@northwind.demo"), disabled: true);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the test host trusts a stamp for one second

        var tried = 0;
        foreach (var route in routes)
        {
            var (id, secret) = await ForeignAsync(route.Kind);
            var stateBefore = await pg.ScalarAsync<string>(StateSql(route.Kind), ("id", id));
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(route.Template.TrimStart('/'), @"\{id(:[a-z]+)?\}", id.ToString(), System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            foreach (var (label, client) in new[] { ("mixed", mixed), ("disabled", disabled) })
            {
                var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
                if (route.Method is "PUT" or "POST" or "PATCH")
                {
                    request.Content = JsonContent.Create(new { name = "Hijack", firstName = "Hijack", lastName = "Attempt" });
                    request.Headers.TryAddWithoutValidation("If-Match", $"\"{stateBefore}\"");
                }
                var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{label}: {route.Method} {path} answered {(int)response.StatusCode}");
                Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync());
                tried++;
            }
            Assert.Equal(stateBefore, await pg.ScalarAsync<string>(StateSql(route.Kind), ("id", id)));
        }
        output.WriteLine($"{tried} requests with mixed credentials or a disabled user's token: all 401");
        Assert.True(tried >= 20, $"only {tried} requests made");
    }

    private async Task<(Guid Id, string Secret)> ForeignAsync(string kind)
    {
        await using var conn = new Npgsql.NpgsqlConnection(pg.Db.OwnerConnection);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(ForeignRecord[kind], conn);
        cmd.Parameters.AddWithValue("t", PostgresFixture.Northwind);
        await using var row = await cmd.ExecuteReaderAsync();
        await row.ReadAsync();
        return (row.GetGuid(0), row.GetString(1));
    }
}
