namespace Autonomus.E2E.Infrastructure;

/// <summary>The app as <c>./dev up</c> runs it: the trigger engine on, every detector once a minute from start.</summary>
public sealed class AutonomyBrowserFixture : BrowserFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Autonomus:Autonomy:SchedulerEnabled"] = "true",
        ["Autonomus:Autonomy:DetectorIntervalSeconds"] = "60",
        ["Autonomus:Autonomy:StartDelaySeconds"] = "1",
    };
}
