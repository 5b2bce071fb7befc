using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.E2E.Infrastructure;

public static class PipelineSetup
{
    /// <summary>What the scheduler would do for a tenant, now: run the named detectors, then propose for every new trigger.</summary>
    public static async Task DetectAndProposeAsync(this PostgresFixture database, Guid tenantId, params string[] triggerTypes)
    {
        await using var services = database.Services(tenantId);
        await services.GetRequiredService<DetectTriggers>().HandleAsync(triggerTypes);
        while (await services.GetRequiredService<ProposeSuggestions>().HandleAsync() > 0) { }
    }
}
