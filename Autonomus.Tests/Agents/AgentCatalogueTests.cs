using System.Globalization;
using Autonomus.Core.Agents;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Autonomus.Data.Triggers;
using Autonomus.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autonomus.Tests.Agents;

/// <summary>
/// The catalogue is whole: every agent's conditions have a detector and a playbook (found in its folder by type), every
/// action it may propose is a mutation tool, every setting's default is within its range and writes where it reads, and its
/// name and description exist in both languages.
/// </summary>
public sealed class AgentCatalogueTests
{
    private static readonly AutonomySettings Defaults = new(Guid.Empty);

    [Fact]
    public void EveryConditionHasOneDetectorAndOnePlaybookAndNothingIsLeftOver()
    {
        var detectors = AgentCatalogue.Implementations<ITriggerDetector>(typeof(SqlTriggerDetector).Assembly)
            .Select(t => ((ITriggerDetector)Activator.CreateInstance(t)!).TriggerType).ToList();
        var playbooks = AgentCatalogue.Implementations<IPlaybook>(typeof(IPlaybook).Assembly)
            .Select(t => ((IPlaybook)Activator.CreateInstance(t)!).TriggerType).ToList();
        var declared = AgentCatalogue.Triggers.Select(t => t.Type).Order().ToList();
        // A condition a person raises (a restore) has a playbook but no detector.
        Assert.Equal(TriggerTypes.Detected.Select(t => t.Type).Order(), detectors.Order());
        Assert.Equal(declared, playbooks.Order());
        Assert.Equal(declared.Count, declared.Distinct().Count());
        Assert.All(AgentCatalogue.Modules, m => Assert.All(m.Triggers, t => Assert.Equal(m.Name, t.Agent)));
        Assert.Equal(AgentCatalogue.Names.Count, AgentCatalogue.Names.Distinct().Count());
    }

    [Fact]
    public void EveryActionIsAMutationToolAndEverySettingIsBoundedAndRoundTrips()
    {
        var services = new ServiceCollection().AddLogging();
        foreach (var tool in AgentCatalogue.Implementations<ITool>(typeof(ITool).Assembly)) services.AddSingleton(typeof(ITool), tool);
        services.AddSingleton<DealRegressionTriggers>().AddSingleton<ToolCatalogue>();
        using var sp = services.BuildServiceProvider();
        var tools = sp.GetRequiredService<ToolCatalogue>();
        Assert.All(AgentCatalogue.Modules, m => Assert.All(m.Actions, a => Assert.NotNull(tools.GetMutation(a))));

        var keys = AgentCatalogue.Modules.SelectMany(m => m.Settings).Select(s => s.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(AgentCatalogue.Modules.SelectMany(m => m.Settings), s =>
        {
            Assert.True(s.Min <= s.Default && s.Default <= s.Max, $"{s.Key}: default {s.Default} outside {s.Min}–{s.Max}");
            var settings = new AutonomySettings(Guid.Empty);
            s.Write(settings, s.Max);
            Assert.Equal(s.Max, s.Read(settings));
            Assert.Equal(s.Default, s.Read(Defaults));
        });
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es-CL")]
    public void EveryAgentHasANameADescriptionItsSettingsLabelsAndUnitsAndItsModelsTextsInBothLanguages(string culture)
    {
        var texts = ConsoleStringLocalizer.Resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), true, culture == "en")!;
        Assert.All(AgentCatalogue.Modules, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(texts.GetString($"Agent.{m.Name}")), $"Agent.{m.Name} ({culture})");
            Assert.False(string.IsNullOrWhiteSpace(texts.GetString($"Agent.Description.{m.Name}")), $"Agent.Description.{m.Name} ({culture})");
            Assert.All(m.Settings, s => Assert.False(string.IsNullOrWhiteSpace(texts.GetString($"Agent.Setting.{s.Key}")), $"Agent.Setting.{s.Key} ({culture})"));
            Assert.All(m.Settings, s => Assert.False(string.IsNullOrWhiteSpace(texts.GetString($"Agent.Unit.{s.Unit}")), $"Agent.Unit.{s.Unit} ({culture})"));
            if (m.Prediction is { } p)
                Assert.All(new[] { "Title", "Baseline", "Scored", "ColdStart" }, t =>
                    Assert.False(string.IsNullOrWhiteSpace(texts.GetString($"Prediction.{p.Kind}.{t}")), $"Prediction.{p.Kind}.{t} ({culture})"));
        });
    }
}
