namespace Autonomus.Core.Suggestions.Playbooks;

/// <summary>The deterministic engine: one playbook per trigger type, each versioned (<c>playbook:lead_stagnant@1</c>).</summary>
public sealed class PlaybookEngine(IEnumerable<IPlaybook> playbooks) : ISuggestionEngine
{
    private readonly Dictionary<string, IPlaybook> _byType = playbooks.ToDictionary(p => p.TriggerType);

    public IReadOnlyCollection<IPlaybook> Playbooks => _byType.Values;

    public Task<ProposedAction?> ProposeAsync(TriggerFacts facts, CancellationToken ct) =>
        Task.FromResult(_byType.TryGetValue(facts.Trigger.Type, out var playbook) ? playbook.Propose(facts) : null);
}

public interface IPlaybook
{
    string TriggerType { get; }
    int Version { get; }
    ProposedAction? Propose(TriggerFacts facts);
}
