using System.Data.Common;
using Autonomus.Core.Tenancy;
using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Autonomus.Data.Tenancy;

/// <summary>
/// Tells PostgreSQL whose data this connection may touch: the tenant's id, or an empty value when there is none — and who
/// is acting (<see cref="ChangeCapture.ActorSetting"/>: the person, the API key or the system), which every change event
/// written on the connection records.
/// It is set again after every open (so a pooled connection never carries the previous user's tenant) and after a
/// rollback (which undoes a setting made inside the transaction). The setting goes out just before the first
/// command that follows, not on open: a transaction begun in between (Npgsql sends BEGIN with the next command)
/// then contains it, so an operation in one transaction costs one commit, not one more for the setting.
/// Because every open sets it before the first command, pooled connections skip Npgsql's reset on close
/// (<see cref="DataServiceCollectionExtensions.ConfigureOptions"/>), which would cost a statement of its own.
/// </summary>
internal sealed class TenantConnectionInterceptor(ITenantContext tenant) : IDbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private bool _pending = true;
    private bool _inTransaction;

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => _pending = true;

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = true;
        return Task.CompletedTask;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _inTransaction = true;
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        _inTransaction = true;
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => _inTransaction = false;

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _inTransaction = false;
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => (_pending, _inTransaction) = (true, false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (_pending, _inTransaction) = (true, false);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        SetTenant(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await SetTenantAsync(command, eventData, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        SetTenant(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await SetTenantAsync(command, eventData, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        SetTenant(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await SetTenantAsync(command, eventData, cancellationToken);
        return result;
    }

    /// <summary>
    /// A transaction that ended without a commit (disposed, not rolled back explicitly) took the setting with it:
    /// a command outside any transaction after one that was open means the tenant must be set again.
    /// </summary>
    private void NoticeEndedTransaction(DbCommand next)
    {
        if (!_inTransaction || next.Transaction is not null) return;
        (_pending, _inTransaction) = (true, false);
    }

    private void SetTenant(DbCommand next, CommandEventData data)
    {
        NoticeEndedTransaction(next);
        if (!_pending) return;
        if (Prepend(next, data)) return;
        using var command = Setting(next);
        command.ExecuteNonQuery();
        _pending = false;
    }

    private async Task SetTenantAsync(DbCommand next, CommandEventData data, CancellationToken ct)
    {
        NoticeEndedTransaction(next);
        if (!_pending) return;
        if (Prepend(next, data)) return;
        await using var command = Setting(next);
        await command.ExecuteNonQueryAsync(ct);
        _pending = false;
    }

    /// <summary>
    /// Sends the setting in the same round trip as a query: a SET (no result set, so readers and scalars still see
    /// the query's) ahead of its text. Not for SaveChanges, whose batch is read statement by statement. If the
    /// command fails, its implicit transaction takes the SET with it: <see cref="CommandFailed"/> sets it again.
    /// </summary>
    private bool Prepend(DbCommand next, CommandEventData data)
    {
        if (data.CommandSource == CommandSource.SaveChanges) return false;
        // A formatted Guid (hex digits and dashes) or nothing: safe as a literal.
        next.CommandText = $"SET {RowLevelSecurity.TenantSetting} = '{tenant.TenantId?.ToString("D") ?? ""}'; SET {ChangeCapture.ActorSetting} = '{Actor}';\n{next.CommandText}";
        _pending = false;
        return true;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => _pending = true;

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = true;
        return Task.CompletedTask;
    }

    private DbCommand Setting(DbCommand next)
    {
        var command = next.Connection!.CreateCommand();
        command.Transaction = next.Transaction;
        command.CommandText = $"SELECT set_config('{RowLevelSecurity.TenantSetting}', @tenant, false), set_config('{ChangeCapture.ActorSetting}', @actor, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = tenant.TenantId?.ToString() ?? "";
        command.Parameters.Add(parameter);
        var actor = command.CreateParameter();
        actor.ParameterName = "actor";
        actor.Value = Actor;
        command.Parameters.Add(actor);
        return command;
    }

    /// <summary>The principal as change events name it; a formatted Guid or a word, so safe as a literal.</summary>
    private string Actor => tenant.UserId is { } user ? $"person:{user:D}" : tenant.ApiKeyId is { } key ? $"api_key:{key:D}" : "system";
}
