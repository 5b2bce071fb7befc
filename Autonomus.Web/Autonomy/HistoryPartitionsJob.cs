using Autonomus.Core.History;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>Makes the coming months' partitions of change events and ledger entries (<see cref="MaintainPartitions"/>), daily.</summary>
[DisallowConcurrentExecution]
public sealed class HistoryPartitionsJob(IServiceScopeFactory scopes, ILogger<HistoryPartitionsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var made = await scope.ServiceProvider.GetRequiredService<MaintainPartitions>().HandleAsync(ct);
        if (made > 0) logger.LogInformation("Made {Count} monthly partitions of change events and ledger entries", made);
    }
}
