using Autonomus.Core.Authorization;

namespace Autonomus.Core.Agents.LeadIntelligence.Scoring;

/// <summary>An Admin's "retrain now" (the Agents page and the API alike): trains, rescores the open leads with the model in use, and says where it stands.</summary>
public sealed class RetrainLeadScore(TrainLeadScore train, ScoreLeads score, LeadScoreStatus status, RecordAccess access)
{
    public async Task<LeadScoreState> HandleAsync(CancellationToken ct = default)
    {
        access.EnsureAdminInPerson("Only an Admin, in person, retrains a model.");
        await train.HandleAsync(ct);
        await score.HandleAsync(ct);
        return await status.GetAsync(ct);
    }
}
