using Autonomus.Core.Authorization;

namespace Autonomus.Core.Agents.Prediction;

/// <summary>An Admin's "retrain now" (the Agents page and the API alike): trains, rescores the open records with the model in use, and says where it stands.</summary>
public sealed class RetrainPrediction(TrainPrediction train, ScorePrediction score, PredictionStatus status, RecordAccess access)
{
    public async Task<ModelState> HandleAsync(string agent, CancellationToken ct = default)
    {
        var prediction = PredictionStatus.Of(agent);
        access.EnsureAdminInPerson("Only an Admin, in person, retrains a model.");
        await train.HandleAsync(prediction, ct);
        await score.HandleAsync(prediction, ct);
        return await status.GetAsync(prediction, ct);
    }
}
