using System.Text.Json.Nodes;
using NJsonSchema;

namespace Autonomus.Core.Tools;

/// <summary>A typed capability of the CRM, described for people and for LLMs alike.</summary>
public interface ITool
{
    string Name { get; }
    string Description { get; }
    JsonSchema Schema { get; }
    string Permission { get; }
    ToolRisk Risk { get; }
    bool Mutates { get; }
}

/// <summary>A read-only tool: answers questions about tenant-scoped records, changes nothing.</summary>
public interface IQueryTool : ITool
{
    Task<JsonNode> RunAsync(ToolContext context, string arguments, CancellationToken ct);
}

/// <summary>
/// A tool that changes CRM data. <see cref="PlanAsync"/> validates the payload against the data (the target
/// exists in the tenant, is in a state where the action makes sense, the actor may change it) and returns a
/// plan whose <see cref="ToolPlan.Execute"/> changes the loaded entities in memory: a preview executes it and
/// throws the unit of work away; only the Safe Apply Engine saves it.
/// </summary>
public interface IMutationTool : ITool
{
    /// <summary>
    /// Whether what it did can be put back exactly (<see cref="Autonomy.InverseChange"/>): only such an action may run in
    /// auto-with-undo.
    /// </summary>
    bool Undoable { get; }

    /// <summary>
    /// Whether it removes personal data (a redaction): then what it removed is kept nowhere — not in the suggestion's
    /// snapshot of the record, not in the applied result, not on the ledger.
    /// </summary>
    bool ErasesPersonalData { get; }

    Task<ToolPlan> PlanAsync(ToolContext context, string payload, CancellationToken ct);
}
