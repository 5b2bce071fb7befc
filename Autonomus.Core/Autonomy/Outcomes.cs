namespace Autonomus.Core.Autonomy;

/// <summary>
/// What a decided suggestion teaches, in one place for calibration, earned autonomy and the dry run. Accepted as proposed
/// = 1; accepted after a person edited it = 0.5 (the action was right, its details were not: half a success); rejected or
/// undone = 0; applied by a policy and not undone once its undo window closed (or with no window) = 1 (a person could
/// have undone it and did not). Anything else (pending, expired, superseded, failed, still undoable) teaches nothing yet.
/// </summary>
public static class Outcomes
{
    /// <summary>Partial success for an edited acceptance.</summary>
    public const decimal Edited = 0.5m;

    /// <summary>
    /// The outcome as a SQL expression over the <c>suggestions</c> columns (null = no signal yet); <paramref name="now"/>
    /// is the SQL for the present (a parameter placeholder). Spliced into set-based queries, never built from input.
    /// </summary>
    public static string Sql(string now) => $"""
        (CASE
           WHEN status IN ('Rejected', 'Undone') THEN 0
           WHEN status = 'Applied' AND applied_by_policy IS NULL AND edited_payload IS NULL THEN 1
           WHEN status = 'Applied' AND applied_by_policy IS NULL THEN 0.5
           WHEN status = 'Applied' AND (undo_until IS NULL OR undo_until <= {now}) THEN 1
         END)
        """;

    /// <summary>A person's own decision (not a policy's): what shadow precision is measured against.</summary>
    public const string HumanDecisionSql = "(applied_by_policy IS NULL AND status IN ('Applied', 'Rejected'))";
}
