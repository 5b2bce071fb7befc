using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Activities;
using Autonomus.Core.Crm.Leads;
using Autonomus.Core.History.Restore;
using Autonomus.Core.Ledger;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Autonomus.Tests.History;

/// <summary>
/// Privacy erasure over real HTTP: a person's values (now and every value their history held) leave the record, its change
/// events, the suggestions, triggers and activities about them and the ledger entries that quoted them; the ledger chain
/// still verifies; a legal hold refuses the erasure; only an Admin in person erases; a redaction no erasure names is caught.
/// </summary>
public sealed class ErasureTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task AnErasureReachesEveryCopyOfThePersonsValuesAndTheLedgerStillVerifies()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now.AddDays(-5));
        Guid lead, namesake;
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo", clock))
        {
            // Another person who shares her first name: nothing of theirs is touched.
            namesake = await admin.GetRequiredService<SaveLead>().CreateAsync(new LeadInput { FirstName = "Valentina", LastName = "Rojas", Company = "Analytics Valentina SpA", Source = LeadSource.Referral, Score = 10 });
            lead = await admin.GetRequiredService<SaveLead>().CreateAsync(new LeadInput
            {
                FirstName = "Valentina", LastName = "Fuenzalida", Company = "Viña Alta", Email = "valentina@vinaalta.cl", Phone = "+56987654321", Source = LeadSource.Website, Score = 50,
            });
            clock.SetUtcNow(now.AddDays(-2));
            var detail = (await admin.GetRequiredService<LeadQueries>().GetAsync(lead))!;
            var input = LeadInput.From(detail);
            input.Email = "v.fuenzalida@vinaalta.cl";
            await admin.GetRequiredService<SaveLead>().UpdateAsync(lead, detail.Version, input);
            await admin.GetRequiredService<LogActivity>().HandleAsync(new ActivityInput { Subject = "Llamar a Valentina Fuenzalida", RelatedType = RecordType.Lead, RelatedId = lead });
        }
        // A restore asked for: a trigger, a suggestion and ledger entries quoting her name and her old email.
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo"))
            Assert.NotNull((await admin.GetRequiredService<RequestRestore>().RequestAsync(RecordType.Lead, lead, now.AddDays(-4), ["email"], null)).SuggestionId);
        Assert.True(await pg.ScalarAsync<long>("SELECT count(*) FROM ledger_entries WHERE data LIKE '%valentina@vinaalta.cl%'") > 0);

        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/leads/{lead}/legal-hold", new { hold = true, reason = "Disputa comercial en curso" })).StatusCode);
        var held = await client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "Solicitud Ley 19.628 del 30-11-2026" });
        Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
        Assert.Contains("legal hold", (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("Valentina", await pg.ScalarAsync<string>("SELECT first_name FROM leads WHERE id = @l", ("l", lead)));

        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/leads/{lead}/legal-hold", new { hold = false })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = " " })).StatusCode);

        var erased = await client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "Solicitud Ley 19.628 del 30-11-2026" });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var outcome = await erased.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(outcome.GetProperty("ledgerEntries").GetInt32() >= 2);
        Assert.True(outcome.GetProperty("changeEvents").GetInt32() >= 3);

        // Nowhere any more: the record, its history, the suggestion and trigger, the activity, the ledger.
        Assert.Equal(("[erased]", true, true), (await pg.ScalarAsync<string>("SELECT first_name FROM leads WHERE id = @l", ("l", lead)),
            await pg.ScalarAsync<bool>("SELECT email IS NULL FROM leads WHERE id = @l", ("l", lead)),
            await pg.ScalarAsync<bool>("SELECT archived_at IS NOT NULL FROM leads WHERE id = @l", ("l", lead))));
        foreach (var value in new[] { "Fuenzalida", "valentina@vinaalta.cl", "v.fuenzalida@vinaalta.cl", "+56987654321" })
        {
            Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM change_events WHERE changes::text LIKE '%' || @v || '%'", ("v", value)));
            Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM suggestions WHERE record_id = @l AND (summary || reasoning || payload::text || facts::text || record_label || record_snapshot) LIKE '%' || @v || '%'", ("l", lead), ("v", value)));
            Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM triggers WHERE record_id = @l AND context::text LIKE '%' || @v || '%'", ("l", lead), ("v", value)));
            Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM activities WHERE related_id = @l AND subject LIKE '%' || @v || '%'", ("l", lead), ("v", value)));
            Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM ledger_entries WHERE data LIKE '%' || @v || '%'", ("v", value)));
        }

        Assert.Equal(("Valentina", "Analytics Valentina SpA"), (await pg.ScalarAsync<string>("SELECT first_name FROM leads WHERE id = @l", ("l", namesake)),
            await pg.ScalarAsync<string>("SELECT company FROM leads WHERE id = @l", ("l", namesake))));
        Assert.Equal(1, await pg.ScalarAsync<long>("SELECT count(*) FROM change_events WHERE record_id = @l AND changes -> 'first_name' ->> 1 = 'Valentina'", ("l", namesake)));

        // The chain verifies, the redacted entries named by the erasure's own entry.
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo"))
        {
            var verified = await admin.GetRequiredService<VerifyLedger>().HandleAsync();
            Assert.True(verified.Intact, verified.Message);
            Assert.Contains("redacted by privacy erasures", verified.Message);
        }

        // A redaction no erasure names (the function called on its own) is caught by verification.
        await using (var runtime = new NpgsqlConnection(pg.Db.AppConnection))
        {
            await runtime.OpenAsync();
            await using var sneak = new NpgsqlCommand($"SET app.tenant_id = '{PostgresFixture.Andes}'; SELECT ledger_redact('{PostgresFixture.Andes}', ARRAY['{lead}']::uuid[], '{{}}'::uuid[], ARRAY['Disputa comercial en curso'])", runtime);
            await sneak.ExecuteNonQueryAsync();
        }
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo"))
        {
            var verified = await admin.GetRequiredService<VerifyLedger>().HandleAsync();
            Assert.False(verified.Intact);
            Assert.Contains("no privacy erasure on the ledger names it", verified.Message);
        }
    }
}
