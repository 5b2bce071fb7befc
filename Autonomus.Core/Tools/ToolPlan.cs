using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools;

/// <summary>
/// A validated action ready to run against the entities of one unit of work. <see cref="Execute"/> changes
/// them in memory (and adds new ones); saving is the caller's decision.
/// </summary>
public sealed class ToolPlan(string tool, CrmRecord target, RecordType targetType, string targetLabel, string summary, Func<CrmRecord?> execute)
{
    public string Tool { get; } = tool;
    public CrmRecord Target { get; } = target;
    public RecordRef TargetRef { get; } = new(targetType, target.Id);
    public int TargetVersion { get; } = target.Version;
    public string TargetLabel { get; } = targetLabel;
    public string Summary { get; } = summary;
    public CrmRecord? Created { get; private set; }
    /// <summary>Set by the catalogue from the tool (<see cref="IMutationTool.ErasesPersonalData"/>).</summary>
    public bool ErasesPersonalData { get; internal set; }
    /// <summary>For a merge: the record merged into <see cref="Target"/> and archived (its fields are shown beside the target's).</summary>
    public CrmRecord? Merged { get; init; }
    private readonly List<Func<ICrmDb, CancellationToken, Task>> _transactionWork = [];
    private bool _executed;

    /// <summary>
    /// Work that belongs to the apply's transaction beyond the entity changes (domain events written in SQL). Only the
    /// Safe Apply Engine runs it, inside its transaction; a preview never does.
    /// </summary>
    public IReadOnlyList<Func<ICrmDb, CancellationToken, Task>> TransactionWork => _transactionWork;

    public void RunInTransaction(Func<ICrmDb, CancellationToken, Task> work) => _transactionWork.Add(work);

    /// <summary>Runs the change once; returns the record it created, if any.</summary>
    public CrmRecord? Execute()
    {
        if (_executed) throw new InvalidOperationException("A plan runs once.");
        _executed = true;
        Created = execute();
        return Created;
    }
}
