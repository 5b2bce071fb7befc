using Autonomus.Core.Agents;
using Autonomus.Core.Agents.Prediction;
using Autonomus.Core.Authorization;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Tenancy;
using Autonomus.Data.Seeding;
using Autonomus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Web.Cli;

/// <summary>
/// After the demo data: Andes's synthetic decision history, the calibration and offers it earns, and the graduation of one
/// action confirmed by the demo Admin through the same use case an Admin's click runs (so the ledger tells it as it would be).
/// </summary>
internal static class DemoAutonomy
{
    public static async Task SeedAsync(IServiceProvider root, string ownerConnection, ILogger logger, CancellationToken ct = default)
    {
        var tenant = DemoTenants.Andes.Id;
        var clock = root.GetRequiredService<TimeProvider>();
        var written = await DecisionHistory.SeedAsync(ownerConnection, tenant, DemoHistory.Andes, clock.GetUtcNow());

        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CurrentUserTenantContext>().RunAsSystem(tenant);
        await services.GetRequiredService<RefreshCalibration>().HandleAsync(ct);
        await services.GetRequiredService<EarnedAutonomy>().EvaluateAsync(ct);

        var email = DemoTenants.Andes.Users.First(u => u.Role == Roles.Admin).Email;
        Guid adminId;
        await using (var db = await services.GetRequiredService<Autonomus.Core.Crm.ICrmDbFactory>().OpenAsync(ct))
            adminId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(ct);
        var admin = new FixedTenantContext(tenant, adminId, [Roles.Admin]);
        var offers = ActivatorUtilities.CreateInstance<DecideOffer>(services, admin, new RecordAccess(admin));
        var offer = (await offers.PendingAsync(ct)).Single(o => (o.Agent, o.Action) == DemoHistory.Graduated);
        await offers.DecideAsync(offer.Id, approve: true, "Demo: the team accepts nearly all of these.", ct);
        logger.LogInformation("Seeded {Count} decided suggestions for Andes; {Agent}/{Action} graduated to auto with undo",
            written, DemoHistory.Graduated.Agent, DemoHistory.Graduated.Action);

        // Each organisation's models (lead score, win probability), trained on its own (synthetic) closed records, and its
        // open records scored.
        foreach (var demo in new[] { DemoTenants.Andes, DemoTenants.Northwind })
        {
            await using var tenantScope = root.CreateAsyncScope();
            tenantScope.ServiceProvider.GetRequiredService<CurrentUserTenantContext>().RunAsSystem(demo.Id);
            foreach (var prediction in AgentCatalogue.Predictions)
            {
                var model = await tenantScope.ServiceProvider.GetRequiredService<TrainPrediction>().HandleAsync(prediction, ct);
                await tenantScope.ServiceProvider.GetRequiredService<ScorePrediction>().HandleAsync(prediction, ct);
                logger.LogInformation("{Tenant}: {Kind} AUC {Auc} on the newest {TestRows} outcomes against {HandAuc} for the hand score ({TrainRows} trained on){Failure}",
                    demo.Name, prediction.Kind, model.Auc, model.TestRows, model.HandAuc, model.TrainRows, model.Failure is null ? "" : " — " + model.Failure);
            }
            await tenantScope.ServiceProvider.GetRequiredService<Autonomus.Core.Agents.CustomerRisk.Health.RefreshAccountHealth>().HandleAsync(ct);
        }
    }
}
