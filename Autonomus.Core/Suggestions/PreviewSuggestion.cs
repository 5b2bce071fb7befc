using System.Text.Json;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;

namespace Autonomus.Core.Suggestions;

/// <summary>The preview of a payload, or why it would be refused (field errors included).</summary>
public sealed record PreviewResult(ToolPreview? Preview, string? Refusal, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Preview is not null;
}

/// <summary>
/// Computes the before → after of a suggestion's action (or of a reviewer's edit of it) against the record as it is
/// now, in propose_actions mode: the tool runs in a unit of work that is never saved.
/// </summary>
public sealed class PreviewSuggestion(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, ToolCatalogue tools, TimeProvider clock)
{
    public async Task<PreviewResult> HandleAsync(string tool, string payload, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        try
        {
            var outcome = await tools.InvokeAsync(ToolMode.ProposeActions, new ToolContext(db, access, actor, clock), tool, payload, ct);
            var preview = outcome.Proposal is { } p && access.MasksPersonalData ? p with { Fields = [.. p.Fields.Select(RecordSnapshot.Masked)] } : outcome.Proposal;
            return new PreviewResult(preview, null, new Dictionary<string, string[]>());
        }
        catch (InputInvalid e) { return new PreviewResult(null, "Fix the highlighted fields.", e.Errors); }
        catch (Exception e) when (e is DomainRuleViolation or AccessDenied or RecordNotFound)
        {
            return new PreviewResult(null, e.Message, new Dictionary<string, string[]>());
        }
    }

    /// <summary>Field by field, what changed on the record between the proposal and now.</summary>
    public async Task<IReadOnlyList<FieldChange>> ChangesSinceProposalAsync(Suggestion s, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var record = await RecordLookup.FindAsync(db, s.RecordType, s.RecordId, ct);
        if (record is null) return [new FieldChange(s.RecordType.ToString(), "Record", s.RecordLabel, "(deleted)")];
        var then = JsonSerializer.Deserialize<Dictionary<string, string?>>(s.RecordSnapshot) ?? [];
        return RecordSnapshot.Of(record)
            .Select(f => new FieldChange(s.RecordType.ToString(), f.Field, then.GetValueOrDefault(f.Field), f.Value, f.IsText))
            .Where(c => c.Changed).Select(c => access.MasksPersonalData ? RecordSnapshot.Masked(c) : c).ToList();
    }
}
