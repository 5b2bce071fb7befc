using NJsonSchema;

namespace Autonomus.Core.Tools;

/// <summary>A mutation tool with a typed payload: schema check and parsing happen here, once, for every tool.</summary>
public abstract class MutationTool<TPayload> : IMutationTool where TPayload : class
{
    private readonly Lazy<JsonSchema> _schema = new(ToolPayloads.SchemaFor<TPayload>);

    public abstract string Name { get; }
    public abstract string Description { get; }
    public abstract string Permission { get; }
    public abstract ToolRisk Risk { get; }
    public bool Mutates => true;
    public virtual bool Undoable => false;
    public virtual bool ErasesPersonalData => false;
    public JsonSchema Schema => _schema.Value;

    public Task<ToolPlan> PlanAsync(ToolContext context, string payload, CancellationToken ct) =>
        PlanAsync(context, ToolPayloads.Read<TPayload>(Schema, payload), ct);

    protected abstract Task<ToolPlan> PlanAsync(ToolContext context, TPayload payload, CancellationToken ct);
}
