using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.ApiKeys;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Web.Security;

/// <summary>An Auditor downloads a signed checkpoint over the API and later verifies the chain against it; others may not.</summary>
public sealed class LedgerApiTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task AnAuditorDownloadsASignedCheckpointAndVerifiesAgainstItWhileManagersAndKeysAreRefused()
    {
        await using (var sp = await pg.ServicesAsAsync("admin@andes.demo"))
        {
            await sp.GetRequiredService<ManageKillSwitch>().EngageAsync("checkpoint test");
            await sp.GetRequiredService<ManageKillSwitch>().ReleaseAsync();
        }
        await using var app = new AppFactory(pg.Db.AppConnection);
        var auditor = await ApiClient.AsUserAsync(app, pg, "auditor@andes.demo");
        var download = await auditor.GetAsync("/api/v1/ledger/checkpoint");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var checkpoint = (await download.Content.ReadFromJsonAsync<SignedCheckpoint>())!;
        Assert.Equal(PostgresFixture.Andes, checkpoint.TenantId);
        Assert.Equal(await pg.ScalarAsync<long>("SELECT max(sequence) FROM ledger_entries WHERE tenant_id = @t", ("t", PostgresFixture.Andes)), checkpoint.Sequence);
        Assert.Equal(64, checkpoint.Signature.Length);

        var verified = await (await auditor.PostAsJsonAsync("/api/v1/ledger/verify", checkpoint)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(verified.GetProperty("intact").GetBoolean());
        var forged = checkpoint with { Sequence = checkpoint.Sequence + 5 };
        var refused = await (await auditor.PostAsJsonAsync("/api/v1/ledger/verify", forged)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(refused.GetProperty("intact").GetBoolean());

        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/ledger/checkpoint")).StatusCode);
        var key = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.ReadWrite, "ledger reader"));
        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync("/api/v1/ledger/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task TheConsoleOffersTheSignedCheckpointAsADownloadToAuditorsOnly()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var auditor0 = await ApiClient.AsUserAsync(app, pg, "auditor@northwind.demo");
        if (await pg.ScalarAsync<long>("SELECT count(*) FROM ledger_entries WHERE tenant_id = @t", ("t", PostgresFixture.Northwind)) == 0)
            Assert.Equal(HttpStatusCode.NotFound, (await auditor0.GetAsync("/api/v1/ledger/checkpoint")).StatusCode); // nothing to sign yet
        await using (var sp = await pg.ServicesAsAsync("admin@northwind.demo"))
        {
            await sp.GetRequiredService<ManageKillSwitch>().EngageAsync("checkpoint download test");
            await sp.GetRequiredService<ManageKillSwitch>().ReleaseAsync();
        }
        var auditor = await ConsoleSignIn.SignedInClientAsync(app, pg, "auditor@northwind.demo");
        var download = await auditor.GetAsync("/ledger/checkpoint.json");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var checkpoint = (await download.Content.ReadFromJsonAsync<SignedCheckpoint>())!;
        Assert.Equal(PostgresFixture.Northwind, checkpoint.TenantId);

        var rep = await ConsoleSignIn.SignedInClientAsync(app, pg, "rep1@northwind.demo");
        var refused = await rep.GetAsync("/ledger/checkpoint.json");
        // A rep is sent to the access-denied page, without the checkpoint.
        Assert.StartsWith("/Account/AccessDenied", refused.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("headHash", await refused.Content.ReadAsStringAsync());
    }
}
