using Autonomus.Core.Automations;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Automations;

/// <summary>The builder's templates hold in both languages: each reads as a document and passes every check.</summary>
public sealed class AutomationTemplateTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("es-CL")]
    public void EveryTemplateIsAValidDocument(string culture)
    {
        var services = new ServiceCollection().AddLogging();
        foreach (var tool in Autonomus.Core.Agents.AgentCatalogue.Implementations<ITool>(typeof(ITool).Assembly)) services.AddSingleton(typeof(ITool), tool);
        services.AddSingleton<DealRegressionTriggers>().AddSingleton<ToolCatalogue>();
        using var sp = services.BuildServiceProvider();
        var tools = sp.GetRequiredService<ToolCatalogue>();
        var templates = AutomationTemplates.For(culture);
        Assert.Equal(["pricing_review", "quiet_account", "web_lead"], templates.Select(t => t.Key).Order());
        Assert.All(templates, t =>
        {
            var doc = Autonomus.Core.Tools.ToolPayloads.Read<AutomationDocument>(NJsonSchema.JsonSchema.FromJsonAsync(ManageAutomations.SchemaJson).Result, t.Document);
            Assert.Empty(AutomationValidation.Validate(doc, tools));
        });
    }
}
