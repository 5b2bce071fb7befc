using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Autonomy;

/// <summary>An offer as the queue and the API show it.</summary>
public sealed record OfferView(Guid Id, string Agent, string Action, int FromVersion, string Evidence, OfferStatus Status, DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt, string? Note);

/// <summary>
/// The Admins' answer to an action that earned autonomy. Approving writes the next policy version (auto-with-undo) with the
/// offer's evidence on the ledger; an offer made against a policy that has changed since is refused; declining needs a reason.
/// </summary>
public sealed class DecideOffer(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, ToolCatalogue tools, LedgerWriter ledger, TimeProvider clock)
{
    public async Task<IReadOnlyList<OfferView>> PendingAsync(CancellationToken ct = default)
    {
        if (!access.IsAdmin) return [];
        await using var db = await dbFactory.OpenAsync(ct);
        return await db.AutonomyOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Pending).OrderBy(o => o.CreatedAt)
            .Select(o => new OfferView(o.Id, o.Agent, o.Action, o.FromVersion, o.Evidence, o.Status, o.CreatedAt, o.DecidedAt, o.Note)).ToListAsync(ct);
    }

    public async Task<OfferView> DecideAsync(Guid id, bool approve, string? note, CancellationToken ct = default)
    {
        access.EnsureAdminInPerson("Only an Admin, in person, lets an action act on its own.");
        var tenantId = actor.TenantId ?? throw new AccessDenied("No organisation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var offer = await db.AutonomyOffers.FromSql($"SELECT * FROM autonomy_offers WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct)
            ?? throw new RecordNotFound("Offer", id);
        var now = clock.GetUtcNow();
        var who = await LedgerActor.OfAsync(db, actor, "admin", ct);
        offer.Decide(approve, who.Id!.Value, Text.Blank(note), now);
        if (approve)
        {
            var tool = tools.GetMutation(offer.Action);
            var reason = $"Earned autonomy confirmed by {who.Name}" + (offer.Note is { } n ? $": {n}" : ".");
            try
            {
                // Decided on the policy the offer was made against: one that moved on since is refused.
                await ManagePolicies.AppendVersionAsync(db, ledger, tenantId, offer.Agent, offer.Action, tool.Risk, EarnedAutonomy.Promoted, offer.FromVersion,
                    who, reason, LedgerKinds.AutonomyPromoted, new { offer = offer.Id, evidence = System.Text.Json.Nodes.JsonNode.Parse(offer.Evidence) }, now, ct);
            }
            catch (DomainRuleViolation)
            {
                throw new DomainRuleViolation("The policy changed since this offer was made; the next evaluation offers it again if it still qualifies.");
            }
        }
        else
        {
            await ledger.AppendAsync(db, tenantId,
            [
                new LedgerDraft(LedgerKinds.AutonomyOfferDeclined, who.Type, who.Id, who.Name, "autonomy_offer", offer.Id, Guid.CreateVersion7(),
                    CanonicalJson.Serialize(new { agent = offer.Agent, action = offer.Action, reason = offer.Note })),
            ], ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new OfferView(offer.Id, offer.Agent, offer.Action, offer.FromVersion, offer.Evidence, offer.Status, offer.CreatedAt, offer.DecidedAt, offer.Note);
    }
}
