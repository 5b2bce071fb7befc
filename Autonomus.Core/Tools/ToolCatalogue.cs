using System.Text.Json.Nodes;
using Autonomus.Core.Common;

namespace Autonomus.Core.Tools;

/// <summary>
/// The only door to CRM mutations from the autonomous side, and the keeper of the modes: in
/// <see cref="ToolMode.ReadOnly"/> only query tools run; in <see cref="ToolMode.ProposeActions"/> a mutation
/// tool is validated and previewed and nothing is written; <see cref="ToolMode.ApplyAllowed"/> is refused here
/// because only the Safe Apply Engine may apply, through <see cref="PlanForApplyAsync"/>.
/// </summary>
public sealed class ToolCatalogue(IEnumerable<ITool> tools)
{
    private readonly Dictionary<string, ITool> _tools = tools.ToDictionary(t => t.Name);

    public IReadOnlyCollection<ITool> All => _tools.Values;
    public IEnumerable<IMutationTool> Mutations => _tools.Values.OfType<IMutationTool>();
    public IEnumerable<IQueryTool> Queries => _tools.Values.OfType<IQueryTool>();

    public ITool Get(string name) =>
        _tools.GetValueOrDefault(name) ?? throw InputInvalid.For("tool", $"There is no tool named '{name}'.");

    public IMutationTool GetMutation(string name) =>
        Get(name) as IMutationTool ?? throw InputInvalid.For("tool", $"'{name}' is a query tool, not an action.");

    /// <summary>Runs a query tool. Query tools never write, whatever the mode.</summary>
    public Task<JsonNode> QueryAsync(ToolContext context, string tool, string arguments, CancellationToken ct) =>
        Get(tool) is IQueryTool query
            ? query.RunAsync(context, arguments, ct)
            : throw new DomainRuleViolation($"'{tool}' changes data; in read_only mode only query tools run.");

    /// <summary>
    /// Calls a tool in a mode. A query tool answers; a mutation tool in propose_actions returns its proposal
    /// (validated, previewed, not written); anything else is refused.
    /// </summary>
    public async Task<ToolCallOutcome> InvokeAsync(ToolMode mode, ToolContext context, string tool, string arguments, CancellationToken ct)
    {
        var target = Get(tool);
        if (target is IQueryTool query) return new ToolCallOutcome(await query.RunAsync(context, arguments, ct), null);
        return mode switch
        {
            ToolMode.ReadOnly => throw new DomainRuleViolation($"'{tool}' changes data; in read_only mode only query tools run."),
            ToolMode.ProposeActions => new ToolCallOutcome(null, await ProposeAsync(context, tool, arguments, ct)),
            _ => throw new DomainRuleViolation("apply_allowed is reachable only from the Safe Apply Engine, for an approved suggestion."),
        };
    }

    /// <summary>Validates and previews an action. The unit of work in <paramref name="context"/> must be thrown away afterwards.</summary>
    public async Task<ToolPreview> ProposeAsync(ToolContext context, string tool, string payload, CancellationToken ct)
    {
        var plan = await GetMutation(tool).PlanAsync(context, payload, ct);
        return await Previews.ExecuteAndCompareAsync(context.Db, plan, ct);
    }

    /// <summary>The apply_allowed path: only the Safe Apply Engine (in this assembly) holds a plan it may save.</summary>
    internal async Task<ToolPlan> PlanForApplyAsync(ToolContext context, string tool, string payload, CancellationToken ct)
    {
        var mutation = GetMutation(tool);
        var plan = await mutation.PlanAsync(context, payload, ct);
        plan.ErasesPersonalData = mutation.ErasesPersonalData;
        return plan;
    }
}

public sealed record ToolCallOutcome(JsonNode? Answer, ToolPreview? Proposal);
