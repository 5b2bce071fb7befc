using Autonomus.Core.Common;

namespace Autonomus.Core.Crm;

/// <summary>An opportunity with an account, moving through the pipeline stages.</summary>
public sealed class Deal : CrmRecord, ITouchable
{
    private readonly List<DealStageChange> _stageHistory = [];

    private Deal() { }

    public Deal(Guid tenantId, Guid accountId, string name, decimal amount, string currency, DateOnly expectedCloseDate,
        Guid? ownerId, DateTimeOffset createdAt, DealStage stage = DealStage.Prospecting, Guid? id = null)
    {
        // The id is a constructor argument, not an initializer: the first history entry below needs it.
        if (id is { } given) Id = given;
        TenantId = tenantId;
        AccountId = accountId;
        Name = name;
        SetAmount(amount, currency);
        ExpectedCloseDate = expectedCloseDate;
        OwnerId = ownerId;
        Stage = stage;
        Probability = stage.DefaultProbability();
        StageChangedAt = createdAt;
        if (stage.IsClosed()) ClosedAt = createdAt;
        _stageHistory.Add(new DealStageChange(tenantId, Id, null, stage, createdAt, ownerId));
    }

    public Guid AccountId { get; private set; }
    public string Name { get; private set; } = "";
    public decimal Amount { get; private set; }
    /// <summary>ISO 4217 code, e.g. CLP, USD.</summary>
    public string Currency { get; private set; } = "USD";
    public DealStage Stage { get; private set; }
    /// <summary>0–100.</summary>
    public int Probability { get; private set; }
    public DateOnly ExpectedCloseDate { get; private set; }
    public DateTimeOffset StageChangedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? LastActivityAt { get; private set; }
    public IReadOnlyList<DealStageChange> StageHistory => _stageHistory;
    /// <summary>Deal Strategy's predicted chance of winning (0–100), from the organisation's own model; null before one is trained.</summary>
    public int? WinProbability { get; private set; }
    /// <summary>The prediction's top three factors (JSON list of <c>ScoreFactor</c>), written with it.</summary>
    public string? WinFactors { get; private set; }
    public DateTimeOffset? WinScoredAt { get; private set; }
    public int? WinModelVersion { get; private set; }

    public bool IsClosed => Stage.IsClosed();

    public void UpdateDetails(Guid accountId, string name, decimal amount, string currency, int probability, DateOnly expectedCloseDate)
    {
        if (IsClosed) throw new DomainRuleViolation($"This deal is {Stage}; a closed deal's details no longer change.");
        if (probability is < 0 or > 100) throw new DomainRuleViolation("A deal's probability is between 0 and 100.");
        AccountId = accountId;
        Name = name;
        SetAmount(amount, currency);
        Probability = probability;
        ExpectedCloseDate = expectedCloseDate;
    }

    /// <summary>
    /// Moves the deal to another stage and records the move; a move back is recorded as a regression.
    /// A closed deal stays closed.
    /// </summary>
    public DealStageChange MoveToStage(DealStage stage, DateTimeOffset at, Guid? by)
    {
        if (IsClosed)
            throw new DomainRuleViolation($"This deal is {Stage}; a closed deal cannot move to another stage.");
        if (stage == Stage)
            throw new DomainRuleViolation($"This deal is already in {Stage}.");

        var change = new DealStageChange(TenantId, Id, Stage, stage, at, by);
        _stageHistory.Add(change);
        Stage = stage;
        Probability = stage.DefaultProbability();
        StageChangedAt = at;
        if (stage.IsClosed()) ClosedAt = at;
        return change;
    }

    public void TouchActivity(DateTimeOffset at)
    {
        if (LastActivityAt is null || at > LastActivityAt) LastActivityAt = at;
    }

    private void SetAmount(decimal amount, string currency)
    {
        if (amount < 0) throw new DomainRuleViolation("A deal's amount cannot be negative.");
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
            throw new DomainRuleViolation("A currency is a three-letter ISO code such as USD or CLP.");
        Amount = amount;
        Currency = currency;
    }
}
