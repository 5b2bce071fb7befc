using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Alerts;

/// <summary>
/// Announces an alert from app code (most alerts are announced by triggers in the database, in the transaction
/// that caused them). Inside a transaction PostgreSQL delivers it at commit, and not at all on rollback.
/// </summary>
public static class AlertNotifier
{
    public static Task NotifyAsync(ICrmDb db, Alert alert, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({Alert.Channel}, {alert.ToJson()})", ct);
}
