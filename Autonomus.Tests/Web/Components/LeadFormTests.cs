using Autonomus.Core.Crm.Leads;
using Autonomus.Tests.Infrastructure;
using Autonomus.Web.Components.Pages.Leads;
using Bunit;

namespace Autonomus.Tests.Web.Components;

public sealed class LeadFormTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task InvalidInputShowsAMessageByEachFieldAndSavesNothing()
    {
        var before = await pg.ScalarAsync<long>("SELECT count(*) FROM leads");
        await using var ctx = ComponentTestContext.Create(pg, PostgresFixture.Andes);
        var saved = false;
        var cut = ctx.Render<LeadForm>(p => p
            .Add(f => f.Input, new LeadInput { LastName = "Soto", Email = "not-an-email" })
            .Add(f => f.OnSaved, (Guid _) => saved = true));

        cut.Find("form").Submit();

        // MudBlazor's inputs show EditForm messages from their own re-render, which bUnit's waiters do not always see: poll.
        for (var waited = 0; cut.FindAll(FieldErrors).Count == 0 && waited < 10_000; waited += 100) await Task.Delay(100);
        var messages = cut.FindAll(FieldErrors).Select(m => m.TextContent).ToList();
        Assert.Contains("First name is required.", messages);
        Assert.Contains("Enter a valid email address.", messages);
        Assert.DoesNotContain("Last name is required.", messages);
        Assert.False(saved);
        Assert.Equal(before, await pg.ScalarAsync<long>("SELECT count(*) FROM leads"));
    }

    [Fact]
    public async Task ValidInputCreatesTheLeadInTheSignedInTenant()
    {
        await using var ctx = ComponentTestContext.Create(pg, PostgresFixture.Andes);
        Guid? savedId = null;
        var cut = ctx.Render<LeadForm>(p => p
            .Add(f => f.Input, new LeadInput { FirstName = "Ignacio", LastName = "Vera", Company = "Frutícola Maule", Score = 55 })
            .Add(f => f.OnSaved, (Guid id) => savedId = id));

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.NotNull(savedId), TimeSpan.FromSeconds(10));
        Assert.Equal(PostgresFixture.Andes, await pg.ScalarAsync<Guid>("SELECT tenant_id FROM leads WHERE id = @id", ("id", savedId!.Value)));
        Assert.Equal("Frutícola Maule", await pg.ScalarAsync<string>("SELECT company FROM leads WHERE id = @id", ("id", savedId!.Value)));
    }

    /// <summary>A field's message under a MudBlazor input, or a plain validation message.</summary>
    private const string FieldErrors = ".mud-input-helper-text.mud-input-error > .me-auto, .field-error";
}
