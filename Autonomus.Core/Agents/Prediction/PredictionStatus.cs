using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.Prediction;

/// <summary>A training as the Agents page and the API show it (never the model's bytes).</summary>
public sealed record ModelTraining(int Version, DateTimeOffset TrainedAt, bool Succeeded, string? Failure, int TrainRows, int TestRows, double? Auc,
    double? HandAuc, double? TrainingSeconds);

/// <summary>A model kind's latest training (which may have failed), the one in use (the latest that succeeded), if any, and how many records carry its score.</summary>
public sealed record ModelState(string Kind, ModelTraining? Latest, ModelTraining? InUse, int Scored);

public sealed class PredictionStatus(ICrmDbFactory dbFactory, RecordAccess access)
{
    /// <summary>The model of the agent named; an agent without one is not found.</summary>
    public static IPrediction Of(string agent) => AgentCatalogue.Find(agent)?.Prediction ?? throw new RecordNotFound("Model", Guid.Empty);

    public Task<ModelState> GetAsync(string agent, CancellationToken ct = default) => GetAsync(Of(agent), ct);

    public async Task<ModelState> GetAsync(IPrediction prediction, CancellationToken ct = default)
    {
        if (!access.CanSeeDashboards) throw new AccessDenied("Admins, sales managers and Auditors see the agents' models.");
        await using var db = await dbFactory.OpenAsync(ct);
        var latest = await Trainings(db, prediction.Kind, succeededOnly: false).FirstOrDefaultAsync(ct);
        var inUse = latest is { Succeeded: true } ? latest : await Trainings(db, prediction.Kind, succeededOnly: true).FirstOrDefaultAsync(ct);
        return new ModelState(prediction.Kind, latest, inUse, await prediction.ScoredAsync(db, ct));
    }

    private static IQueryable<ModelTraining> Trainings(ICrmDb db, string kind, bool succeededOnly) =>
        db.PredictionModels.AsNoTracking().Where(m => m.Kind == kind && (!succeededOnly || m.Succeeded)).OrderByDescending(m => m.Version)
            .Select(m => new ModelTraining(m.Version, m.TrainedAt, m.Succeeded, m.Failure, m.TrainRows, m.TestRows, m.Auc, m.HandAuc, m.TrainingSeconds));
}
