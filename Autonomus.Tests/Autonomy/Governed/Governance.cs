using Autonomus.Core.Agents;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy.Governed;

/// <summary>Steps the governed-autonomy tests share: set a policy as the Admin, make a stagnant lead and its suggestion.</summary>
public static class Governance
{
    public const string FollowUp = "schedule_follow_up";
    public static readonly Guid Andes = PostgresFixture.Andes;

    public static async Task<int> SetPolicyAsync(this PostgresFixture pg, PolicyRules rules, string agent = AgentNames.LeadIntelligence, string action = FollowUp,
        TimeProvider? clock = null)
    {
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo", clock);
        return (await admin.GetRequiredService<ManagePolicies>().SetAsync(agent, action, rules, "test", CancellationToken.None)).Version;
    }

    /// <summary>A lead of rep1's (team Norte) silent for nine days, and the follow-up suggestion proposed for it.</summary>
    public static async Task<(Guid Lead, Guid Suggestion)> StagnantLeadSuggestionAsync(this PostgresFixture pg, FakeTimeProvider clock)
    {
        // The demo data has hundreds of stagnant leads: the detector must reach this one in its run.
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        var lead = await new CrmRecords(pg, Andes).LeadAsync(clock.GetUtcNow().AddDays(-9), owner: await pg.UserIdAsync("rep1@andes.demo"));
        return (lead, await pg.SuggestionForAsync(Andes, clock, TriggerTypes.LeadStagnant, lead));
    }

    public static Task<string> StatusAsync(this PostgresFixture pg, Guid suggestion) =>
        pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", suggestion));

    public static Task<long> FollowUpsOnAsync(this PostgresFixture pg, Guid record) =>
        pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @r", ("r", record));

    public static async Task RefreshAndEvaluateAsync(this PostgresFixture pg, TimeProvider clock)
    {
        await using var system = pg.Services(Andes, clock: clock);
        await system.GetRequiredService<RefreshCalibration>().HandleAsync();
        await system.GetRequiredService<EarnedAutonomy>().EvaluateAsync();
    }

}
