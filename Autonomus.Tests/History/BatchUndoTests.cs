using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.Crm.Deals;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Tests.History;

/// <summary>
/// Undoing a batch over real HTTP: a batch written through raw SQL as the runtime role (as an import or an automation run
/// names its batch) changes two deals and archives a contact; a colleague then changes one deal's amount. The preview lists
/// each record and field with that conflict; the undo sets back what is not in conflict, brings the contact back, leaves the
/// colleague's amount, and is a batch of its own.
/// </summary>
public sealed class BatchUndoTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task ABatchIsPreviewedWithItsConflictsAndUndoneAroundThem()
    {
        var andes = PostgresFixture.Andes;
        var deals = new List<Guid>();
        var batch = Guid.CreateVersion7();
        Guid contact;
        await using (var connection = new NpgsqlConnection(pg.Db.AppConnection))
        {
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using (var set = new NpgsqlCommand($"SET LOCAL app.tenant_id = '{andes}'; SELECT set_config('app.batch_id', '{batch}', true), set_config('app.actor', 'system', true)", connection, tx))
                await set.ExecuteNonQueryAsync();
            await using (var pick = new NpgsqlCommand("SELECT id FROM deals WHERE stage NOT IN ('ClosedWon', 'ClosedLost') AND archived_at IS NULL ORDER BY id LIMIT 2", connection, tx))
            await using (var reader = await pick.ExecuteReaderAsync())
                while (await reader.ReadAsync()) deals.Add(reader.GetGuid(0));
            await using (var update = new NpgsqlCommand("UPDATE deals SET amount = amount + 1000, name = name || ' (batch)', version = version + 1 WHERE id = ANY(@ids)", connection, tx))
            {
                update.Parameters.AddWithValue("ids", deals.ToArray());
                Assert.Equal(2, await update.ExecuteNonQueryAsync());
            }
            await using (var archive = new NpgsqlCommand("UPDATE contacts SET archived_at = now(), archive_reason = 'batch test', version = version + 1 WHERE id = (SELECT id FROM contacts WHERE archived_at IS NULL ORDER BY id LIMIT 1) RETURNING id", connection, tx))
                contact = (Guid)(await archive.ExecuteScalarAsync())!;
            await tx.CommitAsync();
        }
        var amounts = new Dictionary<Guid, decimal>();
        foreach (var d in deals) amounts[d] = await pg.ScalarAsync<decimal>("SELECT amount FROM deals WHERE id = @d", ("d", d));

        // A colleague changes the first deal's amount after the batch.
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo"))
        {
            var detail = (await admin.GetRequiredService<DealQueries>().GetAsync(deals[0]))!;
            var input = DealInput.From(detail);
            input.Amount = detail.Amount + 5;
            await admin.GetRequiredService<SaveDeal>().UpdateAsync(deals[0], detail.Version, input);
        }

        await using var app = new AppFactory(pg.Db.AppConnection);
        var client = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var preview = await (await client.GetAsync($"/api/v1/batches/{batch}/undo")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, preview.GetProperty("events").GetInt32());
        Assert.Equal(1, preview.GetProperty("conflicts").GetInt32());
        var records = preview.GetProperty("records").EnumerateArray().ToDictionary(r => r.GetProperty("recordId").GetGuid());
        var first = records[deals[0]].GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!);
        Assert.True(first["amount"].GetProperty("conflict").GetBoolean());
        Assert.False(first["name"].GetProperty("conflict").GetBoolean());
        Assert.All(records[deals[1]].GetProperty("fields").EnumerateArray(), f => Assert.False(f.GetProperty("conflict").GetBoolean()));
        Assert.True(records[contact].GetProperty("archived").GetBoolean());

        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync($"/api/v1/batches/{batch}/undo", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/batches/{Guid.CreateVersion7()}/undo")).StatusCode);

        var result = await (await client.PostAsync($"/api/v1/batches/{batch}/undo", null)).Content.ReadFromJsonAsync<JsonElement>();
        var outcomes = result.GetProperty("records").EnumerateArray().ToDictionary(r => r.GetProperty("recordId").GetGuid(), r => r.GetProperty("status").GetString());
        Assert.Equal("Partly", outcomes[deals[0]]);
        Assert.Equal("Undone", outcomes[deals[1]]);
        Assert.Equal("Undone", outcomes[contact]);

        // The second deal is as before the batch; the first keeps the colleague's amount but gets its name back; the contact is back.
        Assert.Equal(amounts[deals[1]] - 1000, await pg.ScalarAsync<decimal>("SELECT amount FROM deals WHERE id = @d", ("d", deals[1])));
        Assert.Equal(amounts[deals[0]] + 5, await pg.ScalarAsync<decimal>("SELECT amount FROM deals WHERE id = @d", ("d", deals[0])));
        Assert.False(await pg.ScalarAsync<bool>("SELECT name LIKE '% (batch)' FROM deals WHERE id = @d", ("d", deals[0])));
        Assert.True(await pg.ScalarAsync<bool>("SELECT archived_at IS NULL FROM contacts WHERE id = @c", ("c", contact)));
        // The undo is a batch of its own (three records changed), on the ledger once.
        var undo = result.GetProperty("undoBatchId").GetGuid();
        Assert.Equal(3, await pg.ScalarAsync<long>("SELECT count(DISTINCT record_id) FROM change_events WHERE batch_id = @b", ("b", undo)));
        Assert.Equal(1, await pg.ScalarAsync<long>("SELECT count(*) FROM ledger_entries WHERE kind = 'batch_undone' AND subject_id = @b", ("b", batch)));
    }
}
