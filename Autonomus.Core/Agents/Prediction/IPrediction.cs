using Autonomus.Core.Crm;
using Autonomus.Core.Policies;

namespace Autonomus.Core.Agents.Prediction;

/// <summary>Which of a row's columns a model reads: categorical ones (one-hot) and numeric ones.</summary>
public interface IPredictionShape
{
    IReadOnlyList<string> Categorical { get; }
    IReadOnlyList<string> Numeric { get; }
}

/// <summary>
/// A model an agent owns (<see cref="AgentModule.Prediction"/>): trained per organisation on its own closed records and
/// written onto its open ones. <see cref="Prediction{TRow}"/> holds the rules every kind shares.
/// </summary>
public interface IPrediction
{
    /// <summary>lead_score, deal_win: the model's kind, its ledger name and the key of its texts.</summary>
    string Kind { get; }
    string Agent { get; }
    int MinOutcomes(AutonomySettings settings);
    /// <summary>Loads the closed records and trains on them (no write: <see cref="TrainPrediction"/> stores and ledgers it).</summary>
    Task<PredictionModel> TrainAsync(ICrmDb db, Guid tenantId, int version, DateTimeOffset now, int minOutcomes, CancellationToken ct);
    /// <summary>Scores the open records — or the one named — with the latest good model, inside the caller's unit of work.</summary>
    Task<ScoreRun> ScoreAsync(ICrmDb db, Guid tenantId, Guid? recordId, DateTimeOffset now, CancellationToken ct);
    /// <summary>How many records carry a score.</summary>
    Task<int> ScoredAsync(ICrmDb db, CancellationToken ct);
}

/// <summary>How many records a run scored, how many of their scores changed, and the model's version (0: no model yet).</summary>
public sealed record ScoreRun(int Scored, int Written, int Version);
