namespace Autonomus.Core.Dashboards;

/// <summary>
/// What the agents proposed and what became of it, for one range. The cohort is the suggestions <em>created</em> in
/// the range, each counted by where it stands now; triggers are those <em>detected</em> in the range.
/// </summary>
public sealed record AutonomyDashboard(
    DashboardRange Range,
    AutonomyFunnel Funnel,
    ReviewTimes ReviewTimes,
    AutonomyScore Score,
    Acceptance Acceptance,
    IReadOnlyList<Acceptance> AcceptanceByAgent,
    IReadOnlyList<Acceptance> AcceptanceByTool,
    IReadOnlyList<ToolFailures> FailuresByTool,
    IReadOnlyList<RejectionReason> TopRejectionReasons);

/// <summary>
/// Triggers detected → suggestions created → approved by a reviewer (at any time, whatever followed: applied,
/// failed, still waiting, or expired in a conflict) → applied; and the other ends: rejected, expired, superseded,
/// and still open (pending, or approved and not yet applied).
/// </summary>
public sealed record AutonomyFunnel(int Triggers, int Suggestions, int Approved, int Applied, int Failed, int Rejected,
    int Expired, int Superseded, int Open);

/// <summary>From a suggestion's creation to its review (approval or rejection), over the reviewed ones; null when none.</summary>
public sealed record ReviewTimes(int Reviewed, TimeSpan? P50, TimeSpan? P90);

/// <summary>The share of applied actions that ran as proposed, with no edit by the reviewer (null when nothing was applied).</summary>
public sealed record AutonomyScore(int Applied, int AppliedUnedited)
{
    public double? Share => Applied == 0 ? null : (double)AppliedUnedited / Applied;
}

/// <summary>
/// Acceptance of one agent or tool (or of all, with an empty <see cref="Name"/>): <see cref="Applied"/> ÷
/// <see cref="Resolved"/>, where resolved by a human means a reviewer decided and the suggestion is finished: applied,
/// failed to apply (approved, so it counts as resolved, but not as accepted) or rejected. Pending, approved-not-yet-applied,
/// expired (even after an approval) and superseded suggestions are left out: no human decision ended them.
/// </summary>
public sealed record Acceptance(string Name, int Applied, int Failed, int Rejected, double? Rate)
{
    public int Resolved => Applied + Failed + Rejected;
}

public sealed record ToolFailures(string Tool, int Failures);

/// <summary>Review notes of rejected suggestions, grouped ignoring case and spacing; <see cref="Reason"/> is the latest wording.</summary>
public sealed record RejectionReason(string Reason, int Rejections);
