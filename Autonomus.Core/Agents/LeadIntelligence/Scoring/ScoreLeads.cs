using System.Text.Json;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Agents.LeadIntelligence.Scoring;

/// <summary>
/// Scores the organisation's open leads with its latest good model, in one batch: the feature rows in one statement, the
/// predictions in one pass, the scores (0–100) and their top three factors written back in one UPDATE … FROM unnest, only
/// where they changed. A score is derived data, not an edit: the lead's version does not move. Without a model (cold
/// start) nothing is written and the hand score is what people see.
/// </summary>
public sealed class ScoreLeads(ICrmDbFactory dbFactory, ITenantContext tenant, TimeProvider clock, ILogger<ScoreLeads> logger)
{
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Leads are scored for one organisation at a time.");
        await using var db = await dbFactory.OpenAsync(ct);
        var (scored, written, version) = await ForAsync(db, tenantId, null, clock.GetUtcNow(), ct);
        if (scored > 0) logger.LogInformation("Scored {Count} open leads of tenant {Tenant} with model v{Version} ({Written} changed)", scored, tenantId, version, written);
        return scored;
    }

    /// <summary>
    /// Scores the open leads — or one (<paramref name="leadId"/>: a lead that just took over a duplicate's activities) —
    /// inside the caller's unit of work; returns how many were scored and written, and the model's version.
    /// </summary>
    public static async Task<(int Scored, int Written, int Version)> ForAsync(ICrmDb db, Guid tenantId, Guid? leadId, DateTimeOffset now, CancellationToken ct)
    {
        var latest = await db.LeadScoreModels.AsNoTracking().Where(m => m.Succeeded).OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        if (latest?.Model is null) return (0, 0, 0);
        var rows = await LeadFeatures.OpenAsync(db, tenantId, ct, leadId);
        if (rows.Count == 0) return (0, 0, latest.Version);
        var (scores, factors) = Score(latest, rows);
        var written = await db.Database.ExecuteSqlAsync($"""
            UPDATE leads l SET predicted_score = u.score, score_factors = u.factors::jsonb, scored_at = {now}, score_model_version = {latest.Version}
            FROM unnest({rows.Select(r => r.Id).ToArray()}, {scores}, {factors}) AS u(id, score, factors)
            WHERE l.tenant_id = {tenantId} AND l.id = u.id
              AND (l.predicted_score IS DISTINCT FROM u.score OR l.score_model_version IS DISTINCT FROM {latest.Version})
            """, ct);
        return (rows.Count, written, latest.Version);
    }

    /// <summary>Scores 0–100 and factors (JSON) for the rows, in their order (no database: the benchmark calls it too).</summary>
    public static (int[] Scores, string[] Factors) Score(LeadScoreModel model, IReadOnlyList<LeadFeatureRow> rows)
    {
        var ml = LeadScoreTrainer.NewContext();
        var probabilities = LeadScoreTrainer.Predict(ml, LeadScoreTrainer.Load(ml, model.Model!), rows);
        var explain = LeadScoreFactors.FromJson(model.Factors ?? "{}");
        return (probabilities.Select(p => (int)Math.Round(p * 100)).ToArray(), rows.Select(r => JsonSerializer.Serialize(explain.Top(r))).ToArray());
    }
}
