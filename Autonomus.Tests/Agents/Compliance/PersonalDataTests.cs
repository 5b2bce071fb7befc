using Autonomus.Core.Agents.Compliance;
using Autonomus.Core.Apply;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Agents.Compliance;

/// <summary>
/// Compliance &amp; Security finds RUTs, card numbers (Luhn), emails and phones written into activity descriptions within the
/// scan window and proposes redacting them; once applied, the data is gone from the record and was never copied into the
/// trigger, the suggestion, its result or the ledger.
/// </summary>
public sealed class PersonalDataTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private const string Leaky = "Llamó la clienta, RUT 12.345.678-5, pagará con la tarjeta 4111 1111 1111 1111; escribir a ana.rojas@correo.cl o al +56 9 8765 4321.";

    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("5500-0000-0000-0004", true)]
    [InlineData("4111 1111 1111 1112", false)]
    [InlineData("1234", false)]
    public void CardNumbersPassLuhn(string number, bool valid) => Assert.Equal(valid, PersonalData.Luhn(number));

    [Fact]
    public void EachKindIsFoundAndRedactedAndDigitsThatAreNoCardAreLeft()
    {
        Assert.Equal([PersonalData.Rut, PersonalData.Card, PersonalData.Email, PersonalData.Phone], PersonalData.Find(Leaky));
        Assert.Equal("Llamó la clienta, RUT [RUT], pagará con la tarjeta [CARD]; escribir a [EMAIL] o al [PHONE].", PersonalData.Redact(Leaky, PersonalData.Kinds));
        Assert.Equal("Pedido 1234 5678 9012 3456 y [EMAIL]", PersonalData.Redact("Pedido 1234 5678 9012 3456 y x@y.cl", PersonalData.Kinds));
        Assert.Empty(PersonalData.Find("Reunión el 12 de marzo a las 10:30, sala 4."));
    }

    private async Task<Guid> ActivityAsync(string body, DateTimeOffset at)
    {
        var id = Guid.CreateVersion7();
        var account = await new CrmRecords(pg, Andes).AccountAsync();
        await pg.ExecuteAsync("""
            INSERT INTO activities (id, tenant_id, type, subject, body, related_type, related_id, completed_at, created_at, updated_at, version)
            VALUES (@id, @t, 'Call', 'Llamada de seguimiento', @body, 'Account', @account, @at, @at, @at, 1)
            """, ("id", id), ("t", Andes), ("body", body), ("account", account), ("at", at));
        return id;
    }

    [Fact]
    public async Task AnActivityWithPersonalDataWithinTheWindowIsRedactedAndNothingOfItIsKeptElsewhere()
    {
        await pg.ConfigureAsync(Andes, s => { s.PersonalDataScanDays = 30; s.MaxTriggersPerRun = 100_000; });
        var leaky = await ActivityAsync(Leaky, _clock.GetUtcNow().AddDays(-2));
        var clean = await ActivityAsync("Conversamos sobre la renovación del contrato.", _clock.GetUtcNow().AddDays(-2));
        var old = await ActivityAsync(Leaky, _clock.GetUtcNow().AddDays(-45));

        var suggestion = await pg.SuggestionForAsync(Andes, _clock, ComplianceAgent.PersonalDataInNotes, leaky);
        Assert.Equal(0, await pg.OpenTriggersAsync(ComplianceAgent.PersonalDataInNotes, clean));
        Assert.Equal(0, await pg.OpenTriggersAsync(ComplianceAgent.PersonalDataInNotes, old));
        var row = (await pg.RowsAsync("SELECT tool, payload::text AS payload, reasoning, record_snapshot::text AS snapshot, priority FROM suggestions WHERE id = @id",
            ("id", suggestion))).Single();
        Assert.Equal("redact_personal_data", row["tool"]);
        Assert.Contains("\"card\"", (string)row["payload"]!);
        Assert.Contains("un número de tarjeta de pago", (string)row["reasoning"]!);
        Assert.Equal("{}", row["snapshot"]);

        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock))
            Assert.Equal(ApplyStatus.Applied, (await admin.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(suggestion))).Status);
        Assert.Equal("Llamó la clienta, RUT [RUT], pagará con la tarjeta [CARD]; escribir a [EMAIL] o al [PHONE].",
            await pg.ScalarAsync<string>("SELECT body FROM activities WHERE id = @id", ("id", leaky)));

        // Nothing of it anywhere else: not in the trigger, the suggestion (its result included) or the ledger.
        var correlation = await pg.ScalarAsync<Guid>("SELECT correlation_id FROM suggestions WHERE id = @id", ("id", suggestion));
        foreach (var secret in new[] { "4111 1111", "12.345.678-5", "ana.rojas@", "+56 9 8765" })
        {
            Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM triggers t WHERE t.record_id = @id AND t::text LIKE '%' || @s || '%'", ("id", leaky), ("s", secret)));
            Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM suggestions s WHERE s.id = @id AND s::text LIKE '%' || @s || '%'", ("id", suggestion), ("s", secret)));
            Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM ledger_entries e WHERE e.correlation_id = @c AND e.data LIKE '%' || @s || '%'",
                ("c", correlation), ("s", secret)));
        }
        // Redacted: the next scan finds nothing more in it.
        await pg.DetectAsync(Andes, _clock, ComplianceAgent.PersonalDataInNotes);
        Assert.Equal(0, await pg.OpenTriggersAsync(ComplianceAgent.PersonalDataInNotes, leaky));
    }
}
