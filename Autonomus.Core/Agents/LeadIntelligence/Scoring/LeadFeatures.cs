using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.ML.Data;

namespace Autonomus.Core.Agents.LeadIntelligence.Scoring;

/// <summary>One lead as the model sees it: what was known of it and how it was worked, and (to learn from) whether it converted.</summary>
public sealed class LeadFeatureRow : Prediction.IOutcomeRow
{
    [NoColumn] public Guid Id { get; set; }
    public bool Label { get; set; }
    public string Source { get; set; } = "";
    public float HasCompany { get; set; }
    public float HasEmail { get; set; }
    public float HasPhone { get; set; }
    public float Activities { get; set; }
    public float Calls { get; set; }
    public float Meetings { get; set; }
    public float Emails { get; set; }
    /// <summary>1 when someone touched the lead within two days of its creation.</summary>
    public float FastResponse { get; set; }
    /// <summary>The hand score (0–100): not a feature, the baseline the model is measured against.</summary>
    [NoColumn] public int HandScore { get; set; }
    /// <summary>When the outcome was known (for the time-based split); for an open lead, its creation.</summary>
    [NoColumn] public DateTimeOffset At { get; set; }
    [NoColumn] public int? Stored { get; set; }
    [NoColumn] public int? StoredVersion { get; set; }
}

/// <summary>
/// The feature rows of an organisation's leads, with one set-based statement: the leads joined to their activities
/// aggregated once (counts by type, first touch). Closed for training (converted = positive, unqualified = negative);
/// open for scoring.
/// </summary>
internal static class LeadFeatures
{
    private sealed record Row(Guid Id, string Status, string Source, int Score, bool HasCompany, bool HasEmail, bool HasPhone, int Activities, int Calls,
        int Meetings, int Emails, bool FastResponse, DateTimeOffset At, int? Stored, int? StoredVersion);

    /// <summary>The closed leads, or the open ones (or the one named, if it is open).</summary>
    public static async Task<List<LeadFeatureRow>> LoadAsync(ICrmDb db, Guid tenantId, bool closed, Guid? leadId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT l.id, l.status, l.source, l.score,
                   l.company IS NOT NULL AS has_company, l.email IS NOT NULL AS has_email, l.phone IS NOT NULL AS has_phone,
                   coalesce(a.activities, 0) AS activities, coalesce(a.calls, 0) AS calls, coalesce(a.meetings, 0) AS meetings, coalesce(a.emails, 0) AS emails,
                   coalesce(a.first_touch < l.created_at + interval '2 days', false) AS fast_response,
                   CASE WHEN {closed} THEN l.status_changed_at ELSE l.created_at END AS at,
                   l.predicted_score AS stored, l.score_model_version AS stored_version
            FROM leads l
            LEFT JOIN (
                SELECT related_id, count(*)::int AS activities,
                       count(*) FILTER (WHERE type = 'Call')::int AS calls, count(*) FILTER (WHERE type = 'Meeting')::int AS meetings,
                       count(*) FILTER (WHERE type = 'Email')::int AS emails, min(created_at) AS first_touch
                FROM activities WHERE tenant_id = {tenantId} AND related_type = 'Lead' GROUP BY related_id) a ON a.related_id = l.id
            WHERE l.tenant_id = {tenantId} AND l.archived_at IS NULL AND ({leadId}::uuid IS NULL OR l.id = {leadId})
              AND (({closed} AND l.status IN ('Converted', 'Unqualified')) OR (NOT {closed} AND l.status IN ('New', 'Contacted', 'Qualified')))
            """).ToListAsync(ct);
        return rows.Select(r => new LeadFeatureRow
        {
            Id = r.Id, Label = r.Status == nameof(LeadStatus.Converted), Source = r.Source, HandScore = r.Score,
            HasCompany = r.HasCompany ? 1 : 0, HasEmail = r.HasEmail ? 1 : 0, HasPhone = r.HasPhone ? 1 : 0,
            Activities = r.Activities, Calls = r.Calls, Meetings = r.Meetings, Emails = r.Emails, FastResponse = r.FastResponse ? 1 : 0, At = r.At,
            Stored = r.Stored, StoredVersion = r.StoredVersion,
        }).ToList();
    }
}
