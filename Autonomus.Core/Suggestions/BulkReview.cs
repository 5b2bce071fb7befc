using Autonomus.Core.Apply;

namespace Autonomus.Core.Suggestions;

public sealed record BulkProgress(int Done, int Total, ApplyOutcome Latest);

/// <summary>
/// Approves or rejects a selection one suggestion at a time, each in its own transaction: a failure stops
/// nothing else, and every item reports its own outcome.
/// </summary>
public sealed class BulkReview(SafeApplyEngine engine, ReviewSuggestion review)
{
    public const int MaxSelection = 200;

    /// <summary>Approves each; what they change is one batch, undone together if need be.</summary>
    public Task<IReadOnlyList<ApplyOutcome>> ApproveAsync(IReadOnlyList<Guid> ids, IProgress<BulkProgress>? progress = null, CancellationToken ct = default)
    {
        var batch = Guid.CreateVersion7();
        return RunAsync(ids, id => engine.ApproveAsync(new ApprovalRequest(id, BatchId: batch), ct), progress, ct);
    }

    public Task<IReadOnlyList<ApplyOutcome>> RejectAsync(IReadOnlyList<Guid> ids, string reason, IProgress<BulkProgress>? progress = null, CancellationToken ct = default) =>
        RunAsync(ids, id => review.RejectAsync(id, reason, ct), progress, ct);

    private static async Task<IReadOnlyList<ApplyOutcome>> RunAsync(IReadOnlyList<Guid> ids, Func<Guid, Task<ApplyOutcome>> one,
        IProgress<BulkProgress>? progress, CancellationToken ct)
    {
        if (ids.Count > MaxSelection) throw new Common.DomainRuleViolation($"Select at most {MaxSelection} suggestions at a time.");
        var outcomes = new List<ApplyOutcome>(ids.Count);
        foreach (var id in ids.Distinct())
        {
            ct.ThrowIfCancellationRequested();
            var outcome = await one(id);
            outcomes.Add(outcome);
            progress?.Report(new BulkProgress(outcomes.Count, ids.Count, outcome));
        }
        return outcomes;
    }
}
