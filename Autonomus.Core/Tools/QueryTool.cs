using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Autonomus.Core.Tools;

public abstract class QueryTool<TArguments> : IQueryTool where TArguments : class
{
    private readonly Lazy<JsonSchema> _schema = new(ToolPayloads.SchemaFor<TArguments>);

    public abstract string Name { get; }
    public abstract string Description { get; }
    public string Permission => ToolPermissions.ReadRecords;
    public ToolRisk Risk => ToolRisk.Low;
    public bool Mutates => false;
    public JsonSchema Schema => _schema.Value;

    public async Task<JsonNode> RunAsync(ToolContext context, string arguments, CancellationToken ct) =>
        JsonSerializer.SerializeToNode(await RunAsync(context, ToolPayloads.Read<TArguments>(Schema, arguments), ct), ToolPayloads.Json)!;

    protected abstract Task<object> RunAsync(ToolContext context, TArguments arguments, CancellationToken ct);
}
