using System.Diagnostics;
using System.Text.Json;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.Prediction;

/// <summary>
/// The rules every model here follows. Training: the closed records ordered by when their outcome was known, the oldest
/// four fifths train a model whose AUC on the newest fifth is reported beside the hand score's on the same records; the
/// model in use is then trained on them all. Too few outcomes, or one outcome only, is a failed training with the reason.
/// Scoring: the open records' feature rows (with the score each carries) in one statement, the predictions in one batch,
/// and only the scores that changed (or came from another version) written back with their top three factors, in one
/// statement — a steady-state run sends nothing back. A score is derived data, not an edit: the
/// record's version does not move. Without a model (cold start) nothing is written and the hand score is what people see.
/// </summary>
public abstract class Prediction<TRow> : IPrediction, IPredictionShape where TRow : class, IOutcomeRow
{
    public abstract string Kind { get; }
    public abstract string Agent { get; }
    public abstract IReadOnlyList<string> Categorical { get; }
    public abstract IReadOnlyList<string> Numeric { get; }
    public abstract IReadOnlyList<FactorExtractor<TRow>> Factors { get; }
    /// <summary>What the outcomes are, for the reasons a training fails: "closed leads (converted or unqualified)".</summary>
    protected abstract string Outcomes { get; }
    protected abstract (string Good, string Bad) OutcomeNames { get; }
    public abstract int MinOutcomes(AutonomySettings settings);

    public abstract Task<List<TRow>> ClosedAsync(ICrmDb db, Guid tenantId, DateTimeOffset now, CancellationToken ct);
    public abstract Task<List<TRow>> OpenAsync(ICrmDb db, Guid tenantId, DateTimeOffset now, Guid? recordId, CancellationToken ct);
    /// <summary>Writes the scores (and factors, JSON) of the records named, where they changed; returns how many rows changed.</summary>
    protected abstract Task<int> WriteAsync(ICrmDb db, Guid tenantId, Guid[] ids, int[] scores, string[] factors, int version, DateTimeOffset now,
        CancellationToken ct);
    public abstract Task<int> ScoredAsync(ICrmDb db, CancellationToken ct);

    public async Task<PredictionModel> TrainAsync(ICrmDb db, Guid tenantId, int version, DateTimeOffset now, int minOutcomes, CancellationToken ct) =>
        Train(tenantId, version, now, (await ClosedAsync(db, tenantId, now, ct)).OrderBy(r => r.At).ThenBy(r => r.Id).ToList(), minOutcomes);

    /// <summary>The training itself, on rows ordered by when their outcome was known (no database: the benchmark calls it too).</summary>
    public PredictionModel Train(Guid tenantId, int version, DateTimeOffset now, IReadOnlyList<TRow> rows, int minOutcomes)
    {
        var good = rows.Count(r => r.Label);
        if (rows.Count < minOutcomes)
            return PredictionModel.Failed(tenantId, Kind, version, now, rows.Count,
                $"Only {rows.Count} {Outcomes}; the model needs {minOutcomes}. Until then the hand score is shown.");
        if (good == 0 || good == rows.Count)
            return PredictionModel.Failed(tenantId, Kind, version, now, rows.Count,
                $"All {rows.Count} {Outcomes} ended the same way ({(good == 0 ? OutcomeNames.Bad : OutcomeNames.Good)}); the model needs both outcomes.");
        var cut = (int)(rows.Count * 0.8);
        var (train, test) = (rows.Take(cut).ToList(), rows.Skip(cut).ToList());
        if (test.All(r => r.Label) || test.All(r => !r.Label) || train.All(r => r.Label) || train.All(r => !r.Label))
            return PredictionModel.Failed(tenantId, Kind, version, now, rows.Count, "The newest fifth of the outcomes, held out to measure the model, has only one outcome.");

        var started = Stopwatch.GetTimestamp();
        var ml = OutcomeTrainer.NewContext();
        var heldOut = OutcomeTrainer.Predict(ml, OutcomeTrainer.Train(ml, this, train), test);
        var labels = test.Select(r => r.Label).ToList();
        var auc = Auc.Of(heldOut.Select(p => (double)p).ToList(), labels);
        var handAuc = Auc.Of(test.Select(r => (double)r.HandScore).ToList(), labels);
        var final = OutcomeTrainer.Train(ml, this, rows);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return PredictionModel.Trained(tenantId, Kind, version, now, train.Count, test.Count, auc, handAuc, seconds, OutcomeTrainer.Save<TRow>(ml, final),
            OutcomeFactors.Learn(rows, Factors));
    }

    public async Task<ScoreRun> ScoreAsync(ICrmDb db, Guid tenantId, Guid? recordId, DateTimeOffset now, CancellationToken ct)
    {
        var latest = await db.PredictionModels.AsNoTracking().Where(m => m.Kind == Kind && m.Succeeded).OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        if (latest?.Model is null) return new ScoreRun(0, 0, 0);
        var rows = await OpenAsync(db, tenantId, now, recordId, ct);
        if (rows.Count == 0) return new ScoreRun(0, 0, latest.Version);
        var scores = Predict(latest, rows);
        var changed = Enumerable.Range(0, rows.Count).Where(i => rows[i].Stored != scores[i] || rows[i].StoredVersion != latest.Version).ToList();
        if (changed.Count == 0) return new ScoreRun(rows.Count, 0, latest.Version);
        var explain = OutcomeFactors.FromJson(latest.Factors ?? "{}");
        var written = await WriteAsync(db, tenantId, changed.Select(i => rows[i].Id).ToArray(), changed.Select(i => scores[i]).ToArray(),
            changed.Select(i => JsonSerializer.Serialize(explain.Top(rows[i], Factors))).ToArray(), latest.Version, now, ct);
        return new ScoreRun(rows.Count, written, latest.Version);
    }

    /// <summary>Scores 0–100 for the rows, in their order, in one batch (no database: the benchmark calls it too).</summary>
    public static int[] Predict(PredictionModel model, IReadOnlyList<TRow> rows)
    {
        var ml = OutcomeTrainer.NewContext();
        return OutcomeTrainer.Predict(ml, OutcomeTrainer.Load(ml, model.Model!), rows).Select(p => (int)Math.Round(p * 100)).ToArray();
    }
}
