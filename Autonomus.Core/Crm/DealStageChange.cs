using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Crm;

/// <summary>One move of a deal between stages. Append-only: the history is how a regression stays visible.</summary>
public sealed class DealStageChange : ITenantOwned
{
    private DealStageChange() { }

    internal DealStageChange(Guid tenantId, Guid dealId, DealStage? fromStage, DealStage toStage, DateTimeOffset changedAt, Guid? changedBy)
    {
        TenantId = tenantId;
        DealId = dealId;
        FromStage = fromStage;
        ToStage = toStage;
        ChangedAt = changedAt;
        ChangedBy = changedBy;
        IsRegression = fromStage is { } from && toStage.IsRegressionFrom(from);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid DealId { get; private set; }
    /// <summary>Null for the stage the deal was created in.</summary>
    public DealStage? FromStage { get; private set; }
    public DealStage ToStage { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public Guid? ChangedBy { get; private set; }
    public bool IsRegression { get; private set; }
}
