namespace Autonomus.E2E.Infrastructure;

/// <summary>
/// The app with its scheduler on and short intervals, so that what autonomy does (detect, propose, apply under a policy,
/// calibrate, offer, demote) happens within seconds of a test's step.
/// </summary>
public sealed class GovernedAutonomyFixture : BrowserFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Autonomus:Autonomy:SchedulerEnabled"] = "true",
        ["Autonomus:Autonomy:DetectorIntervalSeconds"] = "10",
        ["Autonomus:Autonomy:EarnAutonomyIntervalSeconds"] = "5",
        ["Autonomus:Autonomy:StartDelaySeconds"] = "1",
    };
}
