using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Autonomus.Data.Bulk;

/// <summary>
/// Writes entities with PostgreSQL's binary COPY, using the EF model for table, columns, types and value
/// converters: one round trip per batch instead of one INSERT per row. Bypasses change tracking and the
/// save interceptor, so the caller sets tenant, timestamps and version.
/// </summary>
public static class BulkCopy
{
    public static async Task<ulong> CopyAsync<T>(DbContext db, IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table)))
            .Where(c => c.Column is not null)
            .Select(c => new Column(c.Column!, c.Property.GetGetter(), c.Property.GetTypeMapping().Converter,
                c.Property.GetRelationalTypeMapping().StoreTypeNameBase))
            .ToList();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);

        var copy = $"COPY \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.Getter.GetClrValue(row);
                if (value is not null && column.Converter is not null) value = column.Converter.ConvertToProvider(value);
                if (value is null) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(value, column.DataTypeName, ct);
            }
        }
        return await importer.CompleteAsync(ct);
    }

    private sealed record Column(string Name, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter, string DataTypeName);
}
