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
    private readonly List<Func<ICrmDb, CancellationToken, Task>> _afterSave = [];
    private bool _executed;

    /// <summary>Work that must follow the save in the same transaction (domain events); a preview never saves, so never runs it.</summary>
    public IReadOnlyList<Func<ICrmDb, CancellationToken, Task>> AfterSave => _afterSave;

    public void RunAfterSave(Func<ICrmDb, CancellationToken, Task> work) => _afterSave.Add(work);

    /// <summary>Runs the change once; returns the record it created, if any.</summary>
    public CrmRecord? Execute()
    {
        if (_executed) throw new InvalidOperationException("A plan runs once.");
        _executed = true;
        Created = execute();
        return Created;
    }
}
