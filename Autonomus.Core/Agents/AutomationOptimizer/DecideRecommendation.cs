using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.AutomationOptimizer;

/// <summary>
/// The open recommendations (Admins, sales managers and Auditors read them) and an Admin's decision: applying one changes
/// the setting, pauses the action or puts its policy back to suggest through their own versioned, ledgered path, in the same
/// transaction as the decision;
/// dismissing one needs a reason.
/// </summary>
public sealed class DecideRecommendation(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, ManageAgentSettings settings,
    ManageAgents agents, LedgerWriter ledger, Tools.ToolCatalogue tools, TimeProvider clock)
{
    public async Task<IReadOnlyList<Recommendation>> OpenAsync(CancellationToken ct = default)
    {
        if (!access.CanSeeDashboards) throw new AccessDenied("Admins, sales managers and Auditors see the recommendations.");
        await using var db = await dbFactory.OpenAsync(ct);
        return await db.Recommendations.AsNoTracking().Where(r => r.Status == RecommendationStatus.Open).OrderBy(r => r.CreatedAt).ToListAsync(ct);
    }

    public async Task<Recommendation> DecideAsync(Guid id, bool apply, string? note, CancellationToken ct = default)
    {
        access.EnsureAdminInPerson("Only an Admin, in person, applies or dismisses a recommendation.");
        var tenantId = actor.TenantId ?? throw new AccessDenied("No organisation.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await db.Recommendations.FromSql($"SELECT * FROM recommendations WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct)
            ?? throw new RecordNotFound("Recommendation", id);
        var who = await LedgerActor.OfAsync(db, actor, "admin", ct);
        var now = clock.GetUtcNow();
        r.Decide(apply, who.Id!.Value, note, now);
        if (apply)
        {
            var why = $"Automation Optimizer recommendation {r.Id}" + (Text.Blank(note) is { } n ? $": {n}" : "");
            switch (r.Kind)
            {
                case RecommendationKind.Threshold:
                    await settings.ChangeAsync(db, tenantId, AgentCatalogue.Find(r.Agent)!, new Dictionary<string, int> { [r.Subject] = r.ProposedValue!.Value }, why, null, who, ct);
                    break;
                case RecommendationKind.PauseAction:
                    await agents.ChangeAsync(db, tenantId, r.Agent, r.Subject, pause: true, why, who, ct);
                    break;
                case RecommendationKind.Demote:
                    await Policies.ManagePolicies.AppendVersionAsync(db, ledger, tenantId, r.Agent, r.Subject, tools.GetMutation(r.Subject).Risk,
                        rules => rules with { Mode = Policies.PolicyMode.Suggest }, null, who, why, LedgerKinds.PolicyChanged, r.Figures, now, ct);
                    break;
            }
        }
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(db, tenantId,
        [
            new LedgerDraft(apply ? LedgerKinds.RecommendationApplied : LedgerKinds.RecommendationDismissed, who.Type, who.Id, who.Name, "recommendation", r.Id,
                Guid.CreateVersion7(), CanonicalJson.Serialize(new { agent = r.Agent, kind = r.Kind, subject = r.Subject, proposed = r.ProposedValue, note = r.Note })),
        ], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return r;
    }
}
