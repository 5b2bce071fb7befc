using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Agents.Prediction;

/// <summary>
/// One training of an organisation's model of one kind (<see cref="IPrediction.Kind"/>): when, on how many outcomes, how
/// well it ranks the held-out newest fifth (AUC) against the hand score on the same records, and the model itself — or why
/// training failed (the last good model stays in use).
/// </summary>
public sealed class PredictionModel : ITenantOwned
{
    private PredictionModel() { }

    public static PredictionModel Trained(Guid tenantId, string kind, int version, DateTimeOffset at, int trainRows, int testRows, double auc,
        double handAuc, double trainingSeconds, byte[] model, OutcomeFactors factors) => new()
    {
        Factors = factors.ToJson(),
        TenantId = tenantId, Kind = kind, Version = version, TrainedAt = at, Succeeded = true, TrainRows = trainRows, TestRows = testRows,
        Auc = Math.Round(auc, 4), HandAuc = Math.Round(handAuc, 4), TrainingSeconds = Math.Round(trainingSeconds, 3), Model = model,
    };

    public static PredictionModel Failed(Guid tenantId, string kind, int version, DateTimeOffset at, int rows, string reason) => new()
    {
        TenantId = tenantId, Kind = kind, Version = version, TrainedAt = at, Succeeded = false, TrainRows = rows, Failure = reason,
    };

    public Guid TenantId { get; set; }
    /// <summary>lead_score, deal_win: versions count per kind.</summary>
    public string Kind { get; private set; } = "";
    public int Version { get; private set; }
    public DateTimeOffset TrainedAt { get; private set; }
    public bool Succeeded { get; private set; }
    public string? Failure { get; private set; }
    public int TrainRows { get; private set; }
    public int TestRows { get; private set; }
    public double? Auc { get; private set; }
    /// <summary>The AUC of the hand score on the same held-out records: what the model has to beat.</summary>
    public double? HandAuc { get; private set; }
    public double? TrainingSeconds { get; private set; }
    public byte[]? Model { get; private set; }
    /// <summary>The <see cref="OutcomeFactors"/> learnt with it, as JSON.</summary>
    public string? Factors { get; private set; }
}
