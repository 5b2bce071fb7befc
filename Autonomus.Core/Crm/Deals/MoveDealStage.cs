using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Crm.Deals;

/// <summary>Moves a deal to another stage, recording the move (and whether it went backwards) in its history.</summary>
public sealed class MoveDealStage(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext tenant, TimeProvider clock,
    Triggers.DealRegressionTriggers regressions, IServiceProvider services, ILogger<MoveDealStage> logger)
{
    public async Task<DealStageChange> HandleAsync(Guid id, int expectedVersion, DealStage stage, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new RecordNotFound("Deal", id);
        db.ExpectVersion(deal, expectedVersion);
        await access.EnsureCanChangeAsync(db, deal, ct);
        await access.EnsureCanMoveStageAsync(db, deal, ct);
        var change = deal.MoveToStage(stage, clock.GetUtcNow(), tenant.UserId);
        // Added explicitly: a new child with its key already set would otherwise be taken for an existing row.
        db.DealStageChanges.Add(change);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            // The domain event: a move back raises deal_regressed with the move, not at the next scan.
            var trigger = change.IsRegression ? await regressions.RaiseAsync(db, deal, change, ct) : null;
            await tx.CommitAsync(ct);
            if (trigger is { } triggerId) await ProposeNowAsync(triggerId);
        }
        return change;
    }

    /// <summary>The suggestion follows at once; if that fails, the next scheduled pass proposes it (the trigger is committed).</summary>
    private async Task ProposeNowAsync(Guid triggerId)
    {
        try
        {
            await services.GetRequiredService<Suggestions.ProposeSuggestions>().HandleAsync(triggerId: triggerId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Proposing for trigger {TriggerId} right after the stage move failed; the scheduled pass will retry", triggerId);
        }
    }
}
