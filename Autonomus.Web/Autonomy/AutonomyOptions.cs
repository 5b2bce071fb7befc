namespace Autonomus.Web.Autonomy;

/// <summary>Configuration section <c>Autonomus:Autonomy</c>: whether this node runs the scheduler, and how often.</summary>
public sealed class AutonomyOptions
{
    public const string Section = "Autonomus:Autonomy";

    /// <summary>Run the Quartz scheduler on this node (clustered: several nodes share the schedules).</summary>
    public bool SchedulerEnabled { get; set; } = true;
    /// <summary>Default interval for every detector.</summary>
    public int DetectorIntervalSeconds { get; set; } = 60;
    /// <summary>Per-detector overrides, by trigger type: <c>Autonomus:Autonomy:Detectors:lead_stagnant = 300</c>.</summary>
    public Dictionary<string, int> Detectors { get; set; } = [];
    public int ExpiryIntervalSeconds { get; set; } = 300;
    /// <summary>How often pending suggestions are checked against each tenant's review SLA.</summary>
    public int SlaWatchIntervalSeconds { get; set; } = 60;
    /// <summary>How often calibration is rebuilt and earned autonomy evaluated (offers, demotions).</summary>
    public int EarnAutonomyIntervalSeconds { get; set; } = 60;
    /// <summary>How often open leads and deals are scored with the latest models (and a model older than <see cref="ModelRetrainHours"/> retrained first).</summary>
    public int ScoringIntervalSeconds { get; set; } = 300;
    public int ModelRetrainHours { get; set; } = 24;
    /// <summary>How often the records shown to each person and API key are added to their daily counts and compared with their baseline.</summary>
    public int DataAccessIntervalSeconds { get; set; } = 60;
    /// <summary>How often the email outbox is delivered.</summary>
    public int OutboxIntervalSeconds { get; set; } = 15;
    /// <summary>How often every tenant's ledger chain is verified.</summary>
    public int LedgerVerifyIntervalHours { get; set; } = 24;
    /// <summary>How often a sample of every tenant's records is rebuilt from its change events and compared with the tables.</summary>
    public int HistoryCheckIntervalHours { get; set; } = 6;
    /// <summary>Seconds to wait after start before the first run (lets the app finish starting).</summary>
    public int StartDelaySeconds { get; set; } = 2;

    public TimeSpan IntervalFor(string triggerType) =>
        TimeSpan.FromSeconds(Math.Max(5, Detectors.GetValueOrDefault(triggerType, DetectorIntervalSeconds)));
}
