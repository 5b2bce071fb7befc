using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Alerts;

/// <summary>
/// Announces an alert from app code (most alerts are announced by triggers in the database, in the transaction
/// that caused them). Inside a transaction PostgreSQL delivers it at commit, and not at all on rollback. It goes
/// through the same SQL function as the triggers' alerts, with its guard on NOTIFY's payload size.
/// </summary>
public static class AlertNotifier
{
    public static Task NotifyAsync(ICrmDb db, Alert alert, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"SELECT alert_notify({alert.ToJson()}::jsonb)", ct);
}
