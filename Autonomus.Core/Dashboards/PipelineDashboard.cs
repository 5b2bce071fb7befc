using Autonomus.Core.Crm;

namespace Autonomus.Core.Dashboards;

/// <summary>The sales side of the dashboard for one range. Amounts are per currency: different currencies are never added.</summary>
public sealed record PipelineDashboard(
    DashboardRange Range,
    TimeBucket Bucket,
    IReadOnlyList<StageValue> OpenPipeline,
    IReadOnlyList<ClosedDealsInBucket> ClosedDeals,
    IReadOnlyList<ClosedAmountInBucket> ClosedAmounts,
    IReadOnlyList<LeadStatusCount> LeadsByStatus,
    IReadOnlyList<LeadSourceCount> LeadsBySource,
    LeadFunnel LeadFunnel);

/// <summary>Open deals in one stage and currency, today.</summary>
public sealed record StageValue(DealStage Stage, string Currency, int Deals, decimal Amount);

/// <summary>Deals closed in one bucket (all currencies: counts add up, amounts do not). <see cref="Start"/> may precede the range.</summary>
public sealed record ClosedDealsInBucket(DateOnly Start, int Won, int Lost);

/// <summary>The amounts of the deals won and lost in one bucket, in one currency.</summary>
public sealed record ClosedAmountInBucket(DateOnly Start, string Currency, decimal Won, decimal Lost);

public sealed record LeadStatusCount(LeadStatus Status, int Leads);

public sealed record LeadSourceCount(LeadSource Source, int Leads);

/// <summary>
/// The leads created in the range, and how far they have got by now. Leads keep no status history, so each step
/// counts current statuses: <see cref="Qualified"/> = now Qualified or Converted (a converted lead was qualified; one
/// qualified and later marked Unqualified is not counted), <see cref="Converted"/> = now Converted. Deals are not
/// linked to the lead they came from, so the funnel stops at conversion.
/// </summary>
public sealed record LeadFunnel(int Created, int Qualified, int Converted);
