using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Policies;

/// <summary>
/// A tenant's controls over its autonomous machinery: the kill switch and the detectors' thresholds.
/// One row per tenant; a tenant without a row runs on the defaults.
/// </summary>
public sealed class AutonomySettings : ITenantOwned
{
    private AutonomySettings() { }

    public AutonomySettings(Guid tenantId) => TenantId = tenantId;

    public Guid TenantId { get; set; }
    public bool KillSwitchEngaged { get; private set; }
    public string? KillSwitchReason { get; private set; }
    public Guid? KillSwitchBy { get; private set; }
    public DateTimeOffset? KillSwitchAt { get; private set; }

    public int LeadStagnantDays { get; set; } = 7;
    public int DealDecayDays { get; set; } = 14;
    public int DealRegressedWithinDays { get; set; } = 30;
    public int ActivityOverdueDays { get; set; } = 3;
    public int HotProbability { get; set; } = 70;
    public int HotWithinDays { get; set; } = 7;
    public int ContactInactiveDays { get; set; } = 30;
    public int AccountRiskWindowDays { get; set; } = 30;
    public int AccountRiskLostWithinDays { get; set; } = 90;
    /// <summary>Two names at least this similar (trigram similarity, in percent) within a block (same account, same company) are duplicates.</summary>
    public int DuplicateNameSimilarity { get; set; } = 60;
    /// <summary>Activities written or changed within this many days are scanned for personal data in their descriptions.</summary>
    public int PersonalDataScanDays { get; set; } = 30;
    /// <summary>A person or API key shown at least this many records in a day, and more than <see cref="UnusualAccessMultiple"/> times their 28-day daily average, is reported (Compliance &amp; Security).</summary>
    public int UnusualAccessFloor { get; set; } = 500;
    public int UnusualAccessMultiple { get; set; } = 5;
    /// <summary>The Automation Optimizer judges a threshold or an action only with at least this many decisions (90 days).</summary>
    public int OptimizerMinDecisions { get; set; } = 30;
    /// <summary>Lead Intelligence trains its model only with at least this many closed leads (converted or unqualified).</summary>
    public int LeadScoreMinOutcomes { get; set; } = 100;
    /// <summary>Deal Strategy trains its win-probability model only with at least this many closed deals (won or lost).</summary>
    public int DealWinMinOutcomes { get; set; } = 100;
    /// <summary>An open deal still being worked whose expected close date passed this many days ago is slipping (Deal Strategy).</summary>
    public int DealSlippingDays { get; set; } = 3;
    /// <summary>A contact with an email nobody has talked to for this long gets a re-engagement email draft (Communication).</summary>
    public int ReengagementDays { get; set; } = 60;
    /// <summary>An account whose health (0–100) falls below this is raised for Customer Risk.</summary>
    public int AccountHealthThreshold { get; set; } = 50;
    /// <summary>A lead the model scores at least this high (0–100) and nobody touched for <see cref="LeadHotUntouchedDays"/> is worked first.</summary>
    public int LeadHotScore { get; set; } = 70;
    public int LeadHotUntouchedDays { get; set; } = 2;
    /// <summary>A new lead its owner has not touched this many days after it was created is offered to the least loaded teammate.</summary>
    public int LeadReassignDays { get; set; } = 5;
    /// <summary>After a trigger closes, the same condition on the same record is not raised again for this long.</summary>
    public int RetriggerCooldownDays { get; set; } = 7;
    public int SuggestionTtlDays { get; set; } = 7;
    /// <summary>At most this many new triggers per detector and run: a backlog arrives over several runs, oldest first.</summary>
    public int MaxTriggersPerRun { get; set; } = 200;
    /// <summary>Whether this tenant's suggestions may come from the language model (when one is configured).</summary>
    public bool AiEnabled { get; set; } = true;
    /// <summary>Tokens (in + out) the model may spend for this tenant per calendar month; then the playbooks alone.</summary>
    public int AiMonthlyTokenBudget { get; set; } = 500_000;
    /// <summary>A suggestion pending longer than this many hours is an SLA breach: reviewers are alerted once.</summary>
    public int ReviewSlaHours { get; set; } = 24;

    /// <summary>
    /// Earned autonomy: an action in suggest is offered for auto once it has this many human decisions and the lower bound
    /// of its acceptance (95% Beta interval) and its shadow precision reach <see cref="AutonomyBar"/>; below the bar it is
    /// demoted.
    /// </summary>
    public decimal AutonomyBar { get; set; } = 0.90m;
    public int MinDecisionsForAutonomy { get; set; } = 30;
    /// <summary>This many undos of one action within seven days return it to suggest.</summary>
    public int DemoteAfterUndos { get; set; } = 3;
    /// <summary>How long what a policy in auto-with-undo applied can be undone.</summary>
    public int UndoWindowHours { get; set; } = 24;

    /// <summary>When the ledger chain was last verified, whether it was intact, and the head it reached (for the health panel).</summary>
    public DateTimeOffset? LedgerVerifiedAt { get; private set; }
    public bool? LedgerVerifiedIntact { get; private set; }
    public long? LedgerVerifiedEntries { get; private set; }

    public void RecordLedgerVerification(bool intact, long entries, DateTimeOffset at)
    {
        LedgerVerifiedAt = at;
        LedgerVerifiedIntact = intact;
        LedgerVerifiedEntries = entries;
    }

    public void EngageKillSwitch(string reason, Guid by, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleViolation("Say why you engage the kill switch.");
        if (KillSwitchEngaged) throw new DomainRuleViolation("The kill switch is already engaged.");
        KillSwitchEngaged = true;
        KillSwitchReason = reason.Trim();
        KillSwitchBy = by;
        KillSwitchAt = at;
    }

    public void ReleaseKillSwitch(Guid by, DateTimeOffset at)
    {
        if (!KillSwitchEngaged) throw new DomainRuleViolation("The kill switch is not engaged.");
        KillSwitchEngaged = false;
        KillSwitchBy = by;
        KillSwitchAt = at;
    }
}
