using System.Data.Common;
using Autonomus.Core.Tenancy;
using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Autonomus.Data.Tenancy;

/// <summary>
/// Tells PostgreSQL whose data this connection may touch, every time EF opens it: the tenant's id, or an
/// empty value when there is none. Setting it on each open (not once) means a pooled connection never
/// carries the previous user's tenant.
/// </summary>
internal sealed class TenantConnectionInterceptor(ITenantContext tenant) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = SetTenant(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = SetTenant(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand SetTenant(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT set_config('{RowLevelSecurity.TenantSetting}', @tenant, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = tenant.TenantId?.ToString() ?? "";
        command.Parameters.Add(parameter);
        return command;
    }
}
