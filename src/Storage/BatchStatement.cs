using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace HealthRecords.Storage;

public enum BatchType { Text, BigInt, Integer, Bytes }

/// <summary>One parameter of a <see cref="BatchStatement{TRow}"/>: its name, type and value per row.</summary>
public sealed record BatchColumn<TRow>(string Name, BatchType Type, Func<TRow, object?> Value);

/// <summary>
/// One statement applied to many rows inside a write transaction, the fast way for each database:
/// SQLite runs the per-row form prepared once (in-process, so a call per row is cheap); PostgreSQL
/// runs the set form once with every column as an array parameter (<c>unnest(@name)</c>), so a
/// batch costs one round trip instead of one per row.
/// </summary>
/// <param name="PerRowSql">SQLite: the statement for one row, parameters <c>@name</c>.</param>
/// <param name="SetSql">PostgreSQL: the statement for all rows, each <c>@name</c> an array.</param>
public sealed record BatchStatement<TRow>(string PerRowSql, string SetSql, IReadOnlyList<BatchColumn<TRow>> Columns)
{
    /// <summary>Inserts rows into the columns named like the parameters; a row whose key exists is left as it is.</summary>
    public static BatchStatement<TRow> InsertIgnoringExisting(string table, string key, params BatchColumn<TRow>[] columns)
    {
        var names = string.Join(", ", columns.Select(c => c.Name));
        var parameters = string.Join(", ", columns.Select(c => "@" + c.Name));
        return new(
            $"INSERT INTO {table} ({names}) VALUES ({parameters}) ON CONFLICT ({key}) DO NOTHING",
            $"INSERT INTO {table} ({names}) SELECT * FROM unnest({parameters}) ON CONFLICT ({key}) DO NOTHING",
            columns);
    }

    /// <returns>Rows affected.</returns>
    public async Task<int> ExecuteAsync(WriteScope scope, IReadOnlyCollection<TRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return 0;
        await using var command = scope.Connection.CreateCommand();
        command.Transaction = scope.Transaction;
        return command is NpgsqlCommand pg
            ? await ExecuteSetAsync(pg, rows, cancellationToken).ConfigureAwait(false)
            : await ExecutePerRowAsync(command, rows, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ExecuteSetAsync(NpgsqlCommand command, IReadOnlyCollection<TRow> rows, CancellationToken cancellationToken)
    {
        command.CommandText = SetSql;
        foreach (var column in Columns)
            command.Parameters.Add(new NpgsqlParameter(column.Name, NpgsqlDbType.Array | PgType(column.Type))
            {
                Value = TypedArray(column, rows),
            });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ExecutePerRowAsync(DbCommand command, IReadOnlyCollection<TRow> rows, CancellationToken cancellationToken)
    {
        command.CommandText = PerRowSql;
        var parameters = Columns.Select(c =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + c.Name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        var affected = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
                parameters[i].Value = Columns[i].Value(row) ?? DBNull.Value;
            affected += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return affected;
    }

    // Npgsql wants an array of the element type, not object[].
    private static object TypedArray(BatchColumn<TRow> column, IReadOnlyCollection<TRow> rows) => column.Type switch
    {
        BatchType.Text => rows.Select(r => (string?)column.Value(r)).ToArray(),
        BatchType.BigInt => rows.Select(r => Convert.ToInt64(column.Value(r), System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        BatchType.Integer => rows.Select(r => Convert.ToInt32(column.Value(r), System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        BatchType.Bytes => rows.Select(r => (byte[]?)column.Value(r)).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    private static NpgsqlDbType PgType(BatchType type) => type switch
    {
        BatchType.Text => NpgsqlDbType.Text,
        BatchType.BigInt => NpgsqlDbType.Bigint,
        BatchType.Integer => NpgsqlDbType.Integer,
        BatchType.Bytes => NpgsqlDbType.Bytea,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
