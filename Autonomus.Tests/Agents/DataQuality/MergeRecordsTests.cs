using Autonomus.Core.Agents;
using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Apply;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Accounts;
using Autonomus.Core.Policies;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Autonomy.Governed;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Agents.DataQuality;

/// <summary>
/// merge_records: the stayer keeps its values and takes what it lacks, what pointed at the duplicate moves over, the
/// duplicate is archived (kept, out of sight), a changed record is a conflict that writes nothing, and no policy may apply it.
/// </summary>
public sealed class MergeRecordsTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    /// <summary>An account and its newer duplicate (with a website, a phone, a tag, two contacts, a deal and an activity); the merge suggestion.</summary>
    private async Task<(Guid Keep, Guid Duplicate, Guid Suggestion, string Phone)> DuplicateAccountAsync(string name)
    {
        await pg.ConfigureAsync(Andes, s => { s.MaxTriggersPerRun = 100_000; s.RetriggerCooldownDays = 0; });
        var records = new DataQualityRecords(pg, Andes);
        var crm = new CrmRecords(pg, Andes);
        var keep = await records.AccountAsync(name);
        // A phone of its own: a number shared with another test's account would make that one the match.
        var phone = $"+56 2 {Random.Shared.Next(1000, 9999)} {Random.Shared.Next(1000, 9999)}";
        var duplicate = await records.AccountAsync(name + ".", phone, website: "https://www.example.cl");
        await pg.ExecuteAsync("UPDATE accounts SET tags = '{vip}' WHERE id = @id", ("id", duplicate));
        await crm.ContactAsync(duplicate, _clock.GetUtcNow().AddDays(-3));
        await crm.ContactAsync(duplicate, _clock.GetUtcNow().AddDays(-4));
        await crm.DealAsync(duplicate, "Proposal", _clock.GetUtcNow().AddDays(-2), DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime.AddDays(20)));
        await crm.ActivityAsync("Account", duplicate, completed: _clock.GetUtcNow().AddDays(-1));
        return (keep, duplicate, await pg.SuggestionForAsync(Andes, _clock, DataQualityAgent.DuplicateAccount, duplicate), phone);
    }

    private async Task<ApplyOutcome> ApproveAsync(Guid suggestion)
    {
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock);
        return await admin.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(suggestion));
    }

    [Fact]
    public async Task TheStayerTakesWhatItLacksEverythingMovesOverAndTheDuplicateIsArchived()
    {
        var (keep, duplicate, suggestion, phone) = await DuplicateAccountAsync("Transportes Lircay");
        var payload = await pg.ScalarAsync<string>("SELECT payload::text FROM suggestions WHERE id = @id", ("id", suggestion));
        Assert.Contains("\"takeFields\":[\"website\",\"phone\"]", payload.Replace(" ", ""));

        var outcome = await ApproveAsync(suggestion);
        Assert.Equal(ApplyStatus.Applied, outcome.Status);

        var kept = (await pg.RowsAsync("SELECT name, website, phone, tags::text AS tags, version FROM accounts WHERE id = @id", ("id", keep))).Single();
        Assert.Equal(("Transportes Lircay", "https://www.example.cl", phone, "{vip}"),
            ((string)kept["name"]!, (string)kept["website"]!, (string)kept["phone"]!, (string)kept["tags"]!));
        Assert.Equal(2, (int)kept["version"]!);
        var archived = (await pg.RowsAsync("SELECT archived_at, merged_into_id FROM accounts WHERE id = @id", ("id", duplicate))).Single();
        Assert.NotNull(archived["archived_at"]);
        Assert.Equal(keep, (Guid)archived["merged_into_id"]!);
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM contacts WHERE account_id = @d", ("d", duplicate)));
        Assert.Equal(2, await pg.CountAsync("SELECT count(*) FROM contacts WHERE account_id = @k AND version = 2", ("k", keep)));
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM deals WHERE account_id = @k", ("k", keep)));
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @k", ("k", keep)));

        // Out of sight: the console's reads no longer find it; the row is still there for the trail.
        await using (var manager = await pg.ServicesAsAsync("admin@andes.demo", _clock))
            Assert.Null(await manager.GetRequiredService<AccountQueries>().GetAsync(duplicate));
        var ledger = await pg.RowsAsync("SELECT kind FROM ledger_entries WHERE subject_id = @s ORDER BY sequence", ("s", suggestion));
        Assert.Equal(["suggestion_created", "suggestion_approved", "action_applied"], ledger.Select(r => (string)r["kind"]!).Where(k => k != "trigger_detected"));
    }

    [Fact]
    public async Task AMergeWhoseRecordsChangedSinceTheProposalIsAConflictAndWritesNothing()
    {
        var (keep, duplicate, suggestion, _) = await DuplicateAccountAsync("Frigorífico Maule");
        await pg.ExecuteAsync("UPDATE accounts SET city = 'Talca', version = version + 1 WHERE id = @id", ("id", keep));

        var outcome = await ApproveAsync(suggestion);

        Assert.NotEqual(ApplyStatus.Applied, outcome.Status);
        Assert.Contains("changed", outcome.Message);
        Assert.Null((await pg.RowsAsync("SELECT archived_at FROM accounts WHERE id = @id", ("id", duplicate))).Single()["archived_at"]);
        Assert.Equal(2, await pg.CountAsync("SELECT count(*) FROM contacts WHERE account_id = @d", ("d", duplicate)));
        Assert.Null((await pg.RowsAsync("SELECT website FROM accounts WHERE id = @id", ("id", keep))).Single()["website"]);

        // The duplicate itself changed: the apply path's own version check.
        var (_, otherDuplicate, other, _) = await DuplicateAccountAsync("Aserradero Ñuble");
        await pg.ExecuteAsync("UPDATE accounts SET city = 'Chillán', version = version + 1 WHERE id = @id", ("id", otherDuplicate));
        Assert.Equal(ApplyStatus.Conflict, (await ApproveAsync(other)).Status);
        Assert.Null((await pg.RowsAsync("SELECT archived_at FROM accounts WHERE id = @id", ("id", otherDuplicate))).Single()["archived_at"]);
    }

    [Fact]
    public async Task NoPolicyMayMergeOnItsOwnAndContactsMergeTooWithTheirActivities()
    {
        await Assert.ThrowsAsync<InputInvalid>(() => pg.SetPolicyAsync(new PolicyRules(PolicyMode.AutoWithUndo), AgentNames.DataQuality, "merge_records"));

        await pg.ConfigureAsync(Andes, s => { s.MaxTriggersPerRun = 100_000; s.RetriggerCooldownDays = 0; });
        var records = new DataQualityRecords(pg, Andes);
        var account = await records.AccountAsync("Lácteos Ranco");
        var keep = await records.ContactAsync(account, "Camila", "Pérez", "camila@ranco.cl");
        var duplicate = await records.ContactAsync(account, "Camila", "Perez", "CAMILA@ranco.cl", "+56 9 5555 0001", "Jefa de compras");
        await new CrmRecords(pg, Andes).ActivityAsync("Contact", duplicate, completed: _clock.GetUtcNow().AddDays(-1));
        var suggestion = await pg.SuggestionForAsync(Andes, _clock, DataQualityAgent.DuplicateContact, duplicate);

        Assert.Equal(ApplyStatus.Applied, (await ApproveAsync(suggestion)).Status);
        var kept = (await pg.RowsAsync("SELECT last_name, phone, title FROM contacts WHERE id = @id", ("id", keep))).Single();
        Assert.Equal(("Pérez", "+56 9 5555 0001", "Jefa de compras"), ((string)kept["last_name"]!, (string)kept["phone"]!, (string)kept["title"]!));
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @k", ("k", keep)));
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM contacts WHERE id = @d AND archived_at IS NOT NULL", ("d", duplicate)));
    }
}
