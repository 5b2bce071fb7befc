using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Automations;

/// <summary>
/// Automations as versioned documents over real HTTP: created from a document, refused with JSON paths when it does not
/// hold, saved as new drafts, compared, published (a ledger entry), exported and imported unchanged, restored as a draft,
/// disabled; Admins only; the schema published.
/// </summary>
public sealed class AutomationApiTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    /// <summary>The template "deal to Negotiation → pricing review", in Spanish.</summary>
    private static readonly string PricingReview = Autonomus.Core.Automations.AutomationTemplates.For("es-CL").Single(t => t.Key == "pricing_review").Document;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task ADocumentIsCreatedSavedComparedPublishedExportedImportedRestoredAndDisabled()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");

        var created = await admin.PostAsync("/api/v1/automations", Json(PricingReview));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var detail = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = detail.GetProperty("automation").GetProperty("id").GetGuid();
        Assert.Equal(("Disabled", 1), (detail.GetProperty("automation").GetProperty("state").GetString(), detail.GetProperty("automation").GetProperty("draftVersion").GetInt32()));

        // A new draft: the amount threshold raised. The diff names exactly that.
        var raised = PricingReview.Replace(">= 1000000", ">= 5000000");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/v1/automations/{id}?note=umbral", Json(raised))).StatusCode);
        var diff = await (await admin.GetAsync($"/api/v1/automations/{id}/diff?from=1&to=2")).Content.ReadFromJsonAsync<JsonElement>();
        var change = Assert.Single(diff.EnumerateArray());
        Assert.Equal(("$.conditions[0]", "[record.amount] >= 5000000"), (change.GetProperty("path").GetString(), change.GetProperty("after").GetString()));
        var versions = await (await admin.GetAsync($"/api/v1/automations/{id}/versions")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Draft", "Archived"], versions.EnumerateArray().Select(v => v.GetProperty("status").GetString()));

        var published = await (await admin.PostAsync($"/api/v1/automations/{id}/publish", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Enabled", 2), (published.GetProperty("automation").GetProperty("state").GetString(), published.GetProperty("automation").GetProperty("publishedVersion").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/automations/{id}/publish", null)).StatusCode);
        Assert.Equal(1, await pg.ScalarAsync<long>("SELECT count(*) FROM ledger_entries WHERE kind = 'automation_published' AND subject_id = @id", ("id", id)));

        // Exported as a file and imported again: the same document.
        var export = await admin.GetAsync($"/api/v1/automations/{id}/export");
        Assert.Contains("automation-revisi", export.Content.Headers.ContentDisposition!.FileName);
        var file = await export.Content.ReadAsStringAsync();
        var imported = await (await admin.PostAsync("/api/v1/automations", Json(file))).Content.ReadFromJsonAsync<JsonElement>();
        var importedId = imported.GetProperty("automation").GetProperty("id").GetGuid();
        var again = await (await admin.GetAsync($"/api/v1/automations/{importedId}/export")).Content.ReadAsStringAsync();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(file), JsonNode.Parse(again)));
        Assert.Equal("[record.amount] >= 5000000", JsonNode.Parse(file)!["conditions"]![0]!.GetValue<string>());

        // Version 1 back as the draft (version 3); the published one keeps running until a publish.
        var restored = await (await admin.PostAsync($"/api/v1/automations/{id}/versions/1/restore", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((3, 2), (restored.GetProperty("shownVersion").GetInt32(), restored.GetProperty("automation").GetProperty("publishedVersion").GetInt32()));
        Assert.Equal("[record.amount] >= 1000000", restored.GetProperty("document").GetProperty("conditions")[0].GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/automations/{id}/disable", new { reason = "temporada baja" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/automations/{id}/disable", new { reason = "again" })).StatusCode);
        var list = await (await admin.GetAsync("/api/v1/automations")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Disabled", list.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id).GetProperty("state").GetString());

        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/automations")).StatusCode);
        var northwind = await ApiClient.AsUserAsync(app, pg, "admin@northwind.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await northwind.GetAsync($"/api/v1/automations/{id}")).StatusCode);
    }

    [Fact]
    public async Task ADocumentThatDoesNotHoldIsRefusedWithJsonPathsAndNothingIsSaved()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var before = await pg.ScalarAsync<long>("SELECT count(*) FROM automations");
        var broken = """
            {
              "name": "Broken",
              "trigger": { "kind": "Schedule", "cron": "every monday" },
              "conditions": [ "[record.colour] == 'red'", "[record.amount] >" ],
              "steps": [
                { "id": "a", "kind": "Tool", "tool": "launch_rockets", "payload": {} },
                { "id": "a", "kind": "Notify", "role": "Janitor", "message": "hi" },
                { "id": "b", "kind": "Branch", "condition": "1 == 1", "then": [ "nowhere" ] }
              ]
            }
            """;
        var refused = await admin.PostAsync("/api/v1/automations", Json(broken));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var path in new[] { "$.trigger.cron", "$.trigger.timeZone", "$.conditions[0]", "$.conditions[1]", "$.steps[0].tool", "$.steps[1].id", "$.steps[1].role", "$.steps[2].then" })
            Assert.True(errors.TryGetProperty(path, out _), $"no error at {path}: {errors}");
        // Not even JSON, or not the schema's shape: refused before its meaning is read.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/automations", Json("{ not json"))).StatusCode);
        var shape = await admin.PostAsync("/api/v1/automations", Json("""{ "name": "x", "trigger": { "kind": "Sometimes" }, "steps": [] }"""));
        Assert.Equal(HttpStatusCode.BadRequest, shape.StatusCode);
        Assert.Equal(before, await pg.ScalarAsync<long>("SELECT count(*) FROM automations"));

        var schema = await (await admin.GetAsync("/api/v1/automations/schema")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(schema.GetProperty("properties").TryGetProperty("trigger", out _));
    }

    [Fact]
    public async Task ATestRunEvaluatesTheConditionsOnARecordAndShowsTheDiffItsStepsWouldApplyWithoutApplyingThem()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        // The threshold between Andes' smallest and largest open deal: one passes, the other does not.
        var big = await pg.ScalarAsync<Guid>("SELECT id FROM deals WHERE tenant_id = @t AND archived_at IS NULL AND stage NOT IN ('ClosedWon', 'ClosedLost') ORDER BY amount DESC, id LIMIT 1", ("t", PostgresFixture.Andes));
        var small = await pg.ScalarAsync<Guid>("SELECT id FROM deals WHERE tenant_id = @t AND archived_at IS NULL AND stage NOT IN ('ClosedWon', 'ClosedLost') ORDER BY amount, id LIMIT 1", ("t", PostgresFixture.Andes));
        var threshold = await pg.ScalarAsync<decimal>("SELECT floor(((SELECT amount FROM deals WHERE id = @a) + (SELECT amount FROM deals WHERE id = @b)) / 2)", ("a", big), ("b", small));
        var document = PricingReview.Replace(">= 1000000", $">= {threshold:0}");
        var created = await (await admin.PostAsync("/api/v1/automations", Json(document))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("automation").GetProperty("id").GetGuid();
        var name = await pg.ScalarAsync<string>("SELECT name FROM deals WHERE id = @d", ("d", big));
        var activities = await pg.ScalarAsync<long>("SELECT count(*) FROM activities WHERE related_id = @d", ("d", big));

        var run = await (await admin.PostAsJsonAsync($"/api/v1/automations/{id}/test", new { recordId = big })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(run.GetProperty("conditionsPass").GetBoolean());
        var step = run.GetProperty("steps")[0];
        Assert.Equal("would_apply", step.GetProperty("outcome").GetString());
        Assert.Contains(step.GetProperty("changes").EnumerateArray(), c => c.GetProperty("after").GetString() == $"Revisar precios de {name}");
        Assert.Equal(activities, await pg.ScalarAsync<long>("SELECT count(*) FROM activities WHERE related_id = @d", ("d", big)));

        var skipped = await (await admin.PostAsJsonAsync($"/api/v1/automations/{id}/test", new { recordId = small })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(skipped.GetProperty("conditions")[0].GetProperty("passed").GetBoolean());
        Assert.Equal("skipped", skipped.GetProperty("steps")[0].GetProperty("outcome").GetString());

        // A condition that cannot be evaluated on this record says why, and nothing runs.
        await admin.PutAsync($"/api/v1/automations/{id}", Json(PricingReview.Replace("[record.amount] >= 1000000", "[record.amount] > 'x'")));
        var failed = await (await admin.PostAsJsonAsync($"/api/v1/automations/{id}/test", new { recordId = big })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(failed.GetProperty("conditionsPass").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, failed.GetProperty("conditions")[0].GetProperty("error").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/automations/{id}/test", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/v1/automations/{id}/test", new { recordId = Guid.CreateVersion7() })).StatusCode);
    }
}
