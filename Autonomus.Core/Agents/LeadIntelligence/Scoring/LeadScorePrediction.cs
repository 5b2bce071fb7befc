using Autonomus.Core.Agents.Prediction;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.LeadIntelligence.Scoring;

/// <summary>
/// Lead Intelligence's predictive lead score: the chance an open lead converts, learnt from the organisation's closed leads
/// (converted against unqualified) over the lead's source and how it was worked; the hand-typed score is the baseline.
/// </summary>
public sealed class LeadScorePrediction : Prediction<LeadFeatureRow>
{
    public static readonly LeadScorePrediction Instance = new();

    public override string Kind => "lead_score";
    public override string Agent => AgentNames.LeadIntelligence;
    protected override string Outcomes => "closed leads (converted or unqualified)";
    protected override (string Good, string Bad) OutcomeNames => ("converted", "unqualified");
    public override int MinOutcomes(AutonomySettings settings) => settings.LeadScoreMinOutcomes;

    public override IReadOnlyList<string> Categorical { get; } = [nameof(LeadFeatureRow.Source)];
    public override IReadOnlyList<string> Numeric { get; } =
    [
        nameof(LeadFeatureRow.HasCompany), nameof(LeadFeatureRow.HasEmail), nameof(LeadFeatureRow.HasPhone), nameof(LeadFeatureRow.Activities),
        nameof(LeadFeatureRow.Calls), nameof(LeadFeatureRow.Meetings), nameof(LeadFeatureRow.Emails), nameof(LeadFeatureRow.FastResponse),
    ];

    public override IReadOnlyList<FactorExtractor<LeadFeatureRow>> Factors { get; } =
    [
        new("source", r => r.Source),
        new("activities", r => r.Activities switch { 0 => "0", <= 2 => "1-2", <= 5 => "3-5", _ => "6+" }),
        new("fast_response", r => r.FastResponse > 0 ? "yes" : "no"),
        new("meetings", r => r.Meetings > 0 ? "yes" : "no"),
        new("phone", r => r.HasPhone > 0 ? "yes" : "no"),
        new("email", r => r.HasEmail > 0 ? "yes" : "no"),
    ];

    public override Task<List<LeadFeatureRow>> ClosedAsync(ICrmDb db, Guid tenantId, DateTimeOffset now, CancellationToken ct) =>
        LeadFeatures.LoadAsync(db, tenantId, closed: true, null, ct);

    public override Task<List<LeadFeatureRow>> OpenAsync(ICrmDb db, Guid tenantId, DateTimeOffset now, Guid? recordId, CancellationToken ct) =>
        LeadFeatures.LoadAsync(db, tenantId, closed: false, recordId, ct);

    protected override Task<int> WriteAsync(ICrmDb db, Guid tenantId, Guid[] ids, int[] scores, string[] factors, int version, DateTimeOffset now,
        CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE leads l SET predicted_score = u.score, score_factors = u.factors::jsonb, scored_at = {now}, score_model_version = {version}
            FROM unnest({ids}, {scores}, {factors}) AS u(id, score, factors)
            WHERE l.tenant_id = {tenantId} AND l.id = u.id
              AND (l.predicted_score IS DISTINCT FROM u.score OR l.score_model_version IS DISTINCT FROM {version})
            """, ct);

    public override Task<int> ScoredAsync(ICrmDb db, CancellationToken ct) => db.Leads.CountAsync(l => l.PredictedScore != null, ct);
}
