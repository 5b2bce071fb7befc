using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.LeadIntelligence.Scoring;

/// <summary>A training as the Agents page and the API show it (never the model's bytes).</summary>
public sealed record LeadScoreTraining(int Version, DateTimeOffset TrainedAt, bool Succeeded, string? Failure, int TrainRows, int TestRows, double? Auc,
    double? HandAuc, double? TrainingSeconds);

/// <summary>The latest training (which may have failed) and the model in use (the latest that succeeded), if any.</summary>
public sealed record LeadScoreState(LeadScoreTraining? Latest, LeadScoreTraining? InUse, int ScoredLeads);

public sealed class LeadScoreStatus(ICrmDbFactory dbFactory, RecordAccess access)
{
    public async Task<LeadScoreState> GetAsync(CancellationToken ct = default)
    {
        if (!access.CanSeeDashboards) throw new AccessDenied("Admins, sales managers and Auditors see the agents' models.");
        await using var db = await dbFactory.OpenAsync(ct);
        var latest = await Trainings(db, succeededOnly: false).FirstOrDefaultAsync(ct);
        var inUse = latest is { Succeeded: true } ? latest : await Trainings(db, succeededOnly: true).FirstOrDefaultAsync(ct);
        var scored = await db.Leads.CountAsync(l => l.PredictedScore != null, ct);
        return new LeadScoreState(latest, inUse, scored);
    }

    private static IQueryable<LeadScoreTraining> Trainings(ICrmDb db, bool succeededOnly) =>
        db.LeadScoreModels.AsNoTracking().Where(m => !succeededOnly || m.Succeeded).OrderByDescending(m => m.Version)
            .Select(m => new LeadScoreTraining(m.Version, m.TrainedAt, m.Succeeded, m.Failure, m.TrainRows, m.TestRows, m.Auc, m.HandAuc, m.TrainingSeconds));
}
