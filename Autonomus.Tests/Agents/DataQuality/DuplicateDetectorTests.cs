using System.Text.Json;
using Autonomus.Core.Agents.DataQuality;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Agents.DataQuality;

/// <summary>
/// The duplicate scans find the newer of two records that share an email or phone, or have similar names in the same
/// block, and name the older one; nothing across blocks, across organisations, below the similarity setting or archived.
/// </summary>
public sealed class DuplicateDetectorTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private async Task DetectAsync(int similarity = 60)
    {
        await pg.ConfigureAsync(Andes, s => { s.DuplicateNameSimilarity = similarity; s.MaxTriggersPerRun = 100_000; s.RetriggerCooldownDays = 0; });
        await pg.DetectAsync(Andes, _clock, DataQualityAgent.DuplicateContact, DataQualityAgent.DuplicateLead, DataQualityAgent.DuplicateAccount);
    }

    private static JsonElement Context(Dictionary<string, object?> trigger) => JsonDocument.Parse((string)trigger["context"]!).RootElement;

    [Fact]
    public async Task AContactSharingAnEmailOrAPhoneWithAnOlderOneIsItsDuplicate()
    {
        var records = new DataQualityRecords(pg, Andes);
        var account = await records.AccountAsync("Minera Los Andes");
        var older = await records.ContactAsync(account, "Paula", "Riquelme", "Paula.Riquelme@losandes.cl", title: "Gerente");
        var sameEmail = await records.ContactAsync(account, "Paulina", "Riquelme S.", " paula.riquelme@LOSANDES.cl ");
        var byPhone = await records.ContactAsync(await records.AccountAsync("Otra SpA"), "Tomás", "Vidal", phone: "+56 9 8765 4321");
        var samePhone = await records.ContactAsync(await records.AccountAsync("Tercera Ltda"), "Tomas", "Vidal Soto", phone: "9 8765-4321");

        await DetectAsync();

        var email = Context((await records.OpenTriggerAsync(DataQualityAgent.DuplicateContact, sameEmail))!);
        Assert.Equal(older, email.GetProperty("duplicate_of").GetGuid());
        Assert.Equal("email", email.GetProperty("match").GetString());
        Assert.Equal("Gerente", email.GetProperty("other").GetProperty("title").GetString());
        Assert.Equal(1, email.GetProperty("other").GetProperty("version").GetInt32());
        var phone = Context((await records.OpenTriggerAsync(DataQualityAgent.DuplicateContact, samePhone))!);
        Assert.Equal((byPhone, "phone"), (phone.GetProperty("duplicate_of").GetGuid(), phone.GetProperty("match").GetString()));
        // The older of each pair is not flagged.
        Assert.Null(await records.OpenTriggerAsync(DataQualityAgent.DuplicateContact, older));
        Assert.Null(await records.OpenTriggerAsync(DataQualityAgent.DuplicateContact, byPhone));
    }

    [Fact]
    public async Task SimilarNamesAreDuplicatesOnlyInTheSameBlockAndAboveTheSetting()
    {
        var records = new DataQualityRecords(pg, Andes);
        var account = await records.AccountAsync("Viña Santa Elvira");
        await records.ContactAsync(account, "Jonathan", "Castañeda");
        var typo = await records.ContactAsync(account, "Jonathon", "Castañeda");
        var elsewhere = await records.ContactAsync(await records.AccountAsync("Viña Otra"), "Jonathan", "Castañedas");
        var lead = await records.LeadAsync("Francisca", "Irarrázaval", "Agrícola Sur");
        var leadTypo = await records.LeadAsync("Francisca", "Irarrazaval", "agrícola sur");
        var otherCompany = await records.LeadAsync("Francisca", "Irarrazabal", "Forestal Norte");

        await DetectAsync(similarity: 95);
        Assert.Null(await records.OpenTriggerAsync(DataQualityAgent.DuplicateContact, typo));
        Assert.Null(await records.OpenTriggerAsync(DataQualityAgent.DuplicateLead, leadTypo));

        await DetectAsync(similarity: 60);
        var contact = Context((await records.OpenTriggerAsync(DataQualityAgent.DuplicateContact, typo))!);
        Assert.Equal("name", contact.GetProperty("match").GetString());
        Assert.InRange(contact.GetProperty("similarity").GetInt32(), 60, 94);
        Assert.Equal(lead, Context((await records.OpenTriggerAsync(DataQualityAgent.DuplicateLead, leadTypo))!).GetProperty("duplicate_of").GetGuid());
        Assert.Null(await records.OpenTriggerAsync(DataQualityAgent.DuplicateContact, elsewhere));
        Assert.Null(await records.OpenTriggerAsync(DataQualityAgent.DuplicateLead, otherCompany));
    }

    [Fact]
    public async Task AccountsMatchByTrigramNameOrPhoneButNeverAcrossOrganisationsOrWithAnArchivedRecord()
    {
        var records = new DataQualityRecords(pg, Andes);
        var northwind = new DataQualityRecords(pg, DemoTenants.Northwind.Id);
        var original = await records.AccountAsync("Constructora Pehuén Limitada");
        var copy = await records.AccountAsync("Constructora Pehuen Limitada");
        var foreign = await northwind.AccountAsync("Constructora Pehuén Limitadas");
        var archived = await records.AccountAsync("Distribuidora Quillay", phone: "+56 2 2345 6789");
        var afterArchived = await records.AccountAsync("Comercial Boldo", phone: "(2) 2345 6789");
        await pg.ExecuteAsync("UPDATE accounts SET archived_at = now(), merged_into_id = @o WHERE id = @a", ("o", original), ("a", archived));

        await DetectAsync();
        var account = Context((await records.OpenTriggerAsync(DataQualityAgent.DuplicateAccount, copy))!);
        Assert.Equal((original, "name"), (account.GetProperty("duplicate_of").GetGuid(), account.GetProperty("match").GetString()));
        Assert.Null(await records.OpenTriggerAsync(DataQualityAgent.DuplicateAccount, foreign));
        Assert.Null(await records.OpenTriggerAsync(DataQualityAgent.DuplicateAccount, afterArchived));
    }
}
