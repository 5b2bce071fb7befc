using System.Text.Json.Nodes;
using Autonomus.Core.Tools;
using Autonomus.Tests.Infrastructure;
using Autonomus.Web.Components.Pages.Suggestions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Web.Components;

/// <summary>The edit form of a suggestion offers what may change and shows, never asks for, the targeted record.</summary>
public sealed class SchemaFormTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task TheTargetIsShownAsALinkAndNeverOfferedAsAnInputWhileEditsKeepIt()
    {
        await using var ctx = ComponentTestContext.Create(pg, PostgresFixture.Andes);
        var schema = ctx.Services.GetRequiredService<ToolCatalogue>().GetMutation("schedule_follow_up").Schema;
        var lead = Guid.NewGuid();
        var payload = new JsonObject
        {
            ["recordType"] = "Lead", ["recordId"] = lead.ToString(), ["type"] = "Call", ["subject"] = "Call back", ["dueAt"] = "2026-12-01T10:00:00Z",
        }.ToJsonString();
        string? reported = null;
        var cut = ctx.Render<SchemaForm>(p => p
            .Add(f => f.Schema, schema)
            .Add(f => f.Payload, payload)
            .Add(f => f.PayloadChanged, (string json) => reported = json)
            .Add(f => f.Target, (RenderFragment)(b => { b.OpenElement(0, "a"); b.AddAttribute(1, "href", $"leads/{lead}"); b.AddContent(2, "Lead Ana Soto"); b.CloseElement(); })));

        Assert.Empty(cut.FindAll("#sf-recordId"));
        Assert.Empty(cut.FindAll("#sf-recordType"));
        Assert.DoesNotContain("Record id", cut.Markup);
        Assert.Equal($"leads/{lead}", cut.Find("[data-testid=edit-target] a").GetAttribute("href"));

        cut.Find("#sf-subject").Input("Call back about the quote");
        var edited = JsonNode.Parse(reported!)!.AsObject();
        Assert.Equal("Call back about the quote", edited["subject"]!.ToString());
        Assert.Equal(lead.ToString(), edited["recordId"]!.ToString()); // the target rides along unchanged
        Assert.Equal("Lead", edited["recordType"]!.ToString());
    }
}
