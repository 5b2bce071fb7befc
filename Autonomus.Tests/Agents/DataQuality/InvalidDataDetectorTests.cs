using System.Text.Json;
using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Suggestions;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Agents.DataQuality;

/// <summary>
/// Invalid emails, phones not in E.164, people nobody can reach and RUTs whose check digit fails are found; a Chilean
/// number written locally is corrected to E.164, anything else becomes a task for the owner. Spacing alone is not a problem.
/// </summary>
public sealed class InvalidDataDetectorTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("ana@example.cl", true)]
    [InlineData("ana.perez@empresa.com.ar", true)]
    [InlineData("ana@empresa", false)]
    [InlineData("ana @empresa.cl", false)]
    [InlineData("ana@@empresa.cl", false)]
    public void EmailsAreCheckedByOneRule(string email, bool valid) => Assert.Equal(valid, ContactDetails.IsEmail(email));

    [Theory]
    [InlineData("+56 9 8765 4321", true, "+56987654321")]
    [InlineData("+1 (206) 555-0100", true, null)]
    [InlineData("9 8765 4321", false, "+56987654321")]
    [InlineData("(2) 2345 6789", false, "+56223456789")]
    [InlineData("56 2 2345 6789", false, "+56223456789")]
    [InlineData("8765 4321", false, null)]
    [InlineData("call me", false, null)]
    public void PhonesAreE164OnceSpacedOutAndAChileanLocalNumberIsInferred(string phone, bool e164, string? chilean)
    {
        Assert.Equal(e164, ContactDetails.IsE164(phone));
        if (!e164) Assert.Equal(chilean, ContactDetails.ChileanE164(phone));
    }

    [Fact]
    public async Task EachProblemIsFoundWithTheSameRulesInSqlAndProposedAsACorrectionOrATask()
    {
        await pg.ConfigureAsync(Andes, s => { s.MaxTriggersPerRun = 100_000; s.RetriggerCooldownDays = 0; });
        var records = new DataQualityRecords(pg, Andes);
        var account = await records.AccountAsync("Pesquera Austral");
        var fine = await records.ContactAsync(account, "Rosa", "Ulloa", "rosa@austral.cl", "+56 9 1111 2222");
        var badEmail = await records.ContactAsync(account, "Luis", "Mella", "luis@austral", "+56911112223");
        var localPhone = await records.ContactAsync(account, "Inés", "Bravo", "ines@austral.cl", "9 1111 2224");
        var unreachable = await records.ContactAsync(account, "Hugo", "Toro");
        var leadOddPhone = await records.LeadAsync("Marta", "Lagos", "Lagos y Cía", "marta@lagos.cl", "1234-5678");

        await pg.DetectAsync(Andes, _clock, DataQualityAgent.InvalidContactData, DataQualityAgent.InvalidLeadData);

        Assert.Null(await records.OpenTriggerAsync(DataQualityAgent.InvalidContactData, fine));
        string Problem(Dictionary<string, object?>? t) => JsonDocument.Parse((string)t!["context"]!).RootElement.GetProperty("problem").GetString()!;
        Assert.Equal("invalid_email", Problem(await records.OpenTriggerAsync(DataQualityAgent.InvalidContactData, badEmail)));
        Assert.Equal("not_e164", Problem(await records.OpenTriggerAsync(DataQualityAgent.InvalidContactData, localPhone)));
        Assert.Equal("unreachable", Problem(await records.OpenTriggerAsync(DataQualityAgent.InvalidContactData, unreachable)));
        Assert.Equal("not_e164", Problem(await records.OpenTriggerAsync(DataQualityAgent.InvalidLeadData, leadOddPhone)));

        var correction = await pg.SuggestionForAsync(Andes, _clock, DataQualityAgent.InvalidContactData, localPhone);
        var row = (await pg.RowsAsync("SELECT tool, payload::text AS payload, agent FROM suggestions WHERE id = @id", ("id", correction))).Single();
        Assert.Equal(("correct_field", "data_quality"), ((string)row["tool"]!, (string)row["agent"]!));
        Assert.Contains("+56911112224", (string)row["payload"]!);
        var task = await pg.SuggestionForAsync(Andes, _clock, DataQualityAgent.InvalidLeadData, leadOddPhone);
        Assert.Equal("create_activity", (string)(await pg.RowsAsync("SELECT tool FROM suggestions WHERE id = @id", ("id", task))).Single()["tool"]!);
    }

    [Theory]
    [InlineData("12.345.678-5", "12345678-5", true)]
    [InlineData("12345678-4", "12345678-4", false)]
    [InlineData("76.354.771-k", "76354771-K", true)]
    [InlineData("10000013K", "10000013-K", true)]
    [InlineData("7.654.321-6", "7654321-6", true)]
    [InlineData("76086428-0", "76086428-0", false)]
    [InlineData("RUT 12.345", null, false)]
    [InlineData("123.456.789-0", null, false)]
    public void RutsAreNormalisedAndTheirCheckDigitVerified(string typed, string? kept, bool valid)
    {
        Assert.Equal(kept, Autonomus.Core.Crm.Rut.Normalize(typed));
        Assert.Equal(valid, Autonomus.Core.Crm.Rut.IsValid(typed));
    }

    [Fact]
    public async Task TheDatabaseComputesTheSameCheckDigitAsTheConsole()
    {
        var bodies = Enumerable.Range(0, 2_000).Select(i => (1_000_000 + i * 38_477).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var sql = await pg.RowsAsync("SELECT b, rut_check_digit(b) AS d FROM unnest(@bodies) b", ("bodies", bodies));
        Assert.All(sql, r => Assert.Equal(Autonomus.Core.Crm.Rut.CheckDigit((string)r["b"]!).ToString(), (string)r["d"]!));
        Assert.Contains(sql, r => (string)r["d"]! == "K");
        Assert.Contains(sql, r => (string)r["d"]! == "0");
    }

    [Fact]
    public async Task AnAccountWhoseRutFailsItsCheckDigitIsATaskForItsOwnerAndAValidOneIsNothing()
    {
        await pg.ConfigureAsync(Andes, s => { s.MaxTriggersPerRun = 100_000; s.RetriggerCooldownDays = 0; });
        var records = new DataQualityRecords(pg, Andes);
        var valid = await records.AccountAsync("Forestal Ñuble", "+56 42 222 3333");
        var wrong = await records.AccountAsync("Viña Los Robles", "+56 72 222 3333");
        await pg.ExecuteAsync("UPDATE accounts SET rut = CASE WHEN id = @v THEN '76354771-K' ELSE '76354771-5' END WHERE id IN (@v, @w)", ("v", valid), ("w", wrong));

        await pg.DetectAsync(Andes, _clock, DataQualityAgent.InvalidAccountData);

        Assert.Null(await records.OpenTriggerAsync(DataQualityAgent.InvalidAccountData, valid));
        var context = JsonDocument.Parse((string)(await records.OpenTriggerAsync(DataQualityAgent.InvalidAccountData, wrong))!["context"]!).RootElement;
        Assert.Equal(("rut", "76354771-5", "rut_check_digit"),
            (context.GetProperty("field").GetString(), context.GetProperty("value").GetString(), context.GetProperty("problem").GetString()));
        var task = await pg.SuggestionForAsync(Andes, _clock, DataQualityAgent.InvalidAccountData, wrong);
        var row = (await pg.RowsAsync("SELECT tool, summary, reasoning FROM suggestions WHERE id = @id", ("id", task))).Single();
        Assert.Equal("create_activity", row["tool"]);
        Assert.Equal("Confirmar el RUT de Viña Los Robles", row["summary"]);
        Assert.Contains("76354771-5", (string)row["reasoning"]!);
    }
}
