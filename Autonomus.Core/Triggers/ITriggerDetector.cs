using Autonomus.Core.Crm;
using Autonomus.Core.Policies;

namespace Autonomus.Core.Triggers;

/// <summary>
/// One condition, detected with one set-based statement for a tenant: it inserts a trigger for each record that
/// meets the condition and has no open trigger of this type (nor one closed within the cooldown), and
/// returns how many it inserted. Never a loop over loaded entities.
/// </summary>
public interface ITriggerDetector
{
    string TriggerType { get; }
    Task<int> DetectAsync(ICrmDb db, Guid tenantId, AutonomySettings settings, DateTimeOffset now, CancellationToken ct);
}
