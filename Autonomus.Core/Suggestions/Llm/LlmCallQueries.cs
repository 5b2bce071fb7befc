using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Suggestions.Llm;

public sealed record LlmCallView(Guid Id, string Model, string PromptVersion, string Outcome, string? Failure, int TokensIn, int TokensOut,
    int LatencyMs, string Transcript, DateTimeOffset At);

/// <summary>The conversations behind a suggestion (by its correlation id), for Admins and Auditors.</summary>
public sealed class LlmCallQueries(ICrmDbFactory dbFactory, RecordAccess access)
{
    public async Task<IReadOnlyList<LlmCallView>> ForCorrelationAsync(Guid correlationId, CancellationToken ct = default)
    {
        if (!access.IsAdmin && !access.IsAuditor) throw new AccessDenied("Model conversations are for Admins and Auditors.");
        await using var db = await dbFactory.OpenAsync(ct);
        return await db.LlmCalls.AsNoTracking().Where(c => c.CorrelationId == correlationId).OrderBy(c => c.At)
            .Select(c => new LlmCallView(c.Id, c.Model, c.PromptVersion, c.Outcome, c.Failure, c.TokensIn, c.TokensOut, c.LatencyMs, c.Transcript, c.At))
            .ToListAsync(ct);
    }
}
