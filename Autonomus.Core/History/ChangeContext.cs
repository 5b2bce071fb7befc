using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.History;

/// <summary>
/// Who and why for the change events written in the current transaction: the database's capture trigger reads these
/// settings. The connection names the signed-in principal on its own; the apply path names the policy that acts, the
/// suggestion that is the cause and its correlation id; an import or an automation run will name its batch.
/// </summary>
public static class ChangeContext
{
    public const string ActorSetting = "app.actor";
    public const string CauseSetting = "app.cause";
    public const string CorrelationSetting = "app.correlation_id";
    public const string BatchSetting = "app.batch_id";

    /// <summary>Sets them for the rest of the caller's transaction (SET LOCAL): nothing leaks to the next use of the connection.</summary>
    public static Task SetAsync(ICrmDb db, string? actor, string? cause, Guid? correlationId, Guid? batchId = null, CancellationToken ct = default) =>
        db.Database.CurrentTransaction is null
            ? throw new InvalidOperationException("The change context is set inside the transaction whose changes it names.")
            : db.Database.ExecuteSqlAsync($"""
            SELECT set_config({ActorSetting}, coalesce({actor}, current_setting({ActorSetting}, true), ''), true),
                   set_config({CauseSetting}, coalesce({cause}, ''), true),
                   set_config({CorrelationSetting}, coalesce({correlationId?.ToString()}, ''), true),
                   set_config({BatchSetting}, coalesce({batchId?.ToString()}, ''), true)
            """, ct);
}
