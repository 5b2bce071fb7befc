using Autonomus.Core.Agents.Prediction;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.DealStrategy.WinProbability;

/// <summary>
/// Deal Strategy's win probability: the chance an open deal is won, learnt from the organisation's closed deals (won
/// against lost) over the stage it was in, how long it sat there, how old it is, how it was worked, whether it moved back,
/// and its amount against the account's other deals. The baseline is the probability people forecast with: a closed
/// deal's last open stage's, an open deal's own.
/// </summary>
public sealed class WinProbabilityPrediction : Prediction<DealFeatureRow>
{
    public static readonly WinProbabilityPrediction Instance = new();

    public override string Kind => "deal_win";
    public override string Agent => AgentNames.DealStrategy;
    protected override string Outcomes => "closed deals (won or lost)";
    protected override (string Good, string Bad) OutcomeNames => ("won", "lost");
    public override int MinOutcomes(AutonomySettings settings) => settings.DealWinMinOutcomes;

    public override IReadOnlyList<string> Categorical { get; } = [nameof(DealFeatureRow.Stage)];
    public override IReadOnlyList<string> Numeric { get; } =
    [
        nameof(DealFeatureRow.DaysInStage), nameof(DealFeatureRow.AgeDays), nameof(DealFeatureRow.Activities), nameof(DealFeatureRow.Calls),
        nameof(DealFeatureRow.Meetings), nameof(DealFeatureRow.Regressions), nameof(DealFeatureRow.AmountRatio),
    ];

    public override IReadOnlyList<FactorExtractor<DealFeatureRow>> Factors { get; } =
    [
        new("stage", r => r.Stage),
        new("activities", r => r.Activities switch { 0 => "0", <= 2 => "1-2", <= 5 => "3-5", _ => "6+" }),
        new("days_in_stage", r => r.DaysInStage switch { < 15 => "0-14", < 31 => "15-30", < 61 => "31-60", _ => "61+" }),
        new("regressions", r => r.Regressions > 0 ? "yes" : "no"),
        new("amount", r => r.AmountRatio switch { > 1.5f => "above", < 0.67f => "below", _ => "usual" }),
        new("meetings", r => r.Meetings > 0 ? "yes" : "no"),
    ];

    public override Task<List<DealFeatureRow>> ClosedAsync(ICrmDb db, Guid tenantId, DateTimeOffset now, CancellationToken ct) =>
        DealFeatures.LoadAsync(db, tenantId, closed: true, null, now, ct);

    public override Task<List<DealFeatureRow>> OpenAsync(ICrmDb db, Guid tenantId, DateTimeOffset now, Guid? recordId, CancellationToken ct) =>
        DealFeatures.LoadAsync(db, tenantId, closed: false, recordId, now, ct);

    protected override Task<int> WriteAsync(ICrmDb db, Guid tenantId, Guid[] ids, int[] scores, string[] factors, int version, DateTimeOffset now,
        CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE deals d SET win_probability = u.score, win_factors = u.factors::jsonb, win_scored_at = {now}, win_model_version = {version}
            FROM unnest({ids}, {scores}, {factors}) AS u(id, score, factors)
            WHERE d.tenant_id = {tenantId} AND d.id = u.id
              AND (d.win_probability IS DISTINCT FROM u.score OR d.win_model_version IS DISTINCT FROM {version})
            """, ct);

    public override Task<int> ScoredAsync(ICrmDb db, CancellationToken ct) => db.Deals.CountAsync(d => d.WinProbability != null, ct);
}
