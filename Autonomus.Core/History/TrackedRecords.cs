namespace Autonomus.Core.History;

/// <summary>
/// What the change capture tracks: the CRM tables (with the record type their events carry) and, within them, the columns
/// whose change is not an edit. One home for both: the database's capture function is written from them, and the
/// consistency check compares the same columns.
/// </summary>
public static class TrackedRecords
{
    public static readonly IReadOnlyList<(string Table, string RecordType)> Tables =
        [("accounts", "Account"), ("contacts", "Contact"), ("leads", "Lead"), ("deals", "Deal"), ("activities", "Activity")];

    /// <summary>Columns whose change is not an edit: identity, bookkeeping, and what agents derive (scores, last touch).</summary>
    public static readonly IReadOnlyList<string> UntrackedColumns =
    [
        "id", "tenant_id", "created_at", "updated_at", "version", "last_activity_at", "status_changed_at", "stage_changed_at",
        "predicted_score", "score_factors", "scored_at", "score_model_version", "win_probability", "win_factors", "win_scored_at", "win_model_version",
    ];
}
