using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Autonomus.Bench;

/// <summary>
/// What one operation sends to the server, from the server's own log: the runtime role logs every statement
/// in the bench database for the duration of the operation (ALTER ROLE … IN DATABASE … SET log_statement), and
/// the lines of its backend are read back from the log file <c>./dev</c> starts PostgreSQL with. Shows which
/// statements run outside a transaction (each of those is a commit of its own) and how many statements an operation takes.
/// </summary>
public sealed partial class StatementTrace(BenchSettings s, string? logFile)
{
    public sealed record Statement(string Text, bool InTransaction);

    public async Task<IReadOnlyList<Statement>?> CaptureAsync(Func<Task> operation, CommitCounter counter)
    {
        if (logFile is null || !File.Exists(logFile)) return null;
        var role = $"ALTER ROLE {s.AppRole} IN DATABASE {BenchSettings.Database}";
        await BenchDatabase.ExecuteAsync(s.AdminConnection, $"{role} SET log_statement = 'all'");
        try
        {
            await counter.QuiesceAsync(); // new sessions pick the setting up
            int pid;
            // Use the pooled connection once first, so the operation finds it as it would in a running app.
            await using (var conn = new NpgsqlConnection(Microsoft.Extensions.DependencyInjection.DataServiceCollectionExtensions.Tuned(s.AppConnection)))
            {
                await conn.OpenAsync();
                pid = await BenchDatabase.ScalarAsync<int>(conn, "SELECT pg_backend_pid()");
            }
            var offset = new FileInfo(logFile).Length;
            await operation();
            await Task.Delay(200); // the server writes its log asynchronously
            return Parse(await ReadFromAsync(logFile, offset), pid);
        }
        finally
        {
            await BenchDatabase.ExecuteAsync(s.AdminConnection, $"{role} RESET log_statement");
            await counter.QuiesceAsync();
        }
    }

    private static async Task<string> ReadFromAsync(string file, long offset)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static List<Statement> Parse(string log, int pid)
    {
        var statements = new List<Statement>();
        var inTransaction = false;
        foreach (Match m in LogLine().Matches(log))
        {
            if (int.Parse(m.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture) != pid) continue;
            var text = m.Groups["sql"].Value.Trim();
            var upper = text.ToUpperInvariant();
            if (upper.StartsWith("BEGIN", StringComparison.Ordinal) || upper.StartsWith("START TRANSACTION", StringComparison.Ordinal)) inTransaction = true;
            statements.Add(new Statement(text, inTransaction));
            if (upper.StartsWith("COMMIT", StringComparison.Ordinal) || (upper.StartsWith("ROLLBACK", StringComparison.Ordinal) && !upper.StartsWith("ROLLBACK TO", StringComparison.Ordinal)))
                inTransaction = false;
        }
        return statements;
    }

    public static void Print(IReadOnlyList<Statement>? trace, string what)
    {
        if (trace is null)
        {
            Console.WriteLine($"    statement trace of {what}: not available (no server log; ./dev bench passes it in AUTONOMUS_BENCH_SERVER_LOG)");
            return;
        }
        var outside = trace.Where(t => !t.InTransaction).ToList();
        var savepoints = trace.Count(t => t.Text.StartsWith("SAVEPOINT", StringComparison.OrdinalIgnoreCase) || t.Text.StartsWith("RELEASE SAVEPOINT", StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"    statement trace of {what} (server log): {trace.Count} statements, " +
                          $"{outside.Count} outside a transaction (a commit each), {savepoints} SAVEPOINT/RELEASE");
        foreach (var (t, i) in trace.Select((t, i) => (t, i)))
            Console.WriteLine($"      {i + 1,2}. {(t.InTransaction ? "   " : "[autocommit] ")}{Shorten(t.Text)}");
    }

    private static string Shorten(string sql)
    {
        var line = Regex.Replace(sql, @"\s+", " ");
        return line.Length <= 100 ? line : line[..97] + "...";
    }

    // e.g. "2026-11-22 15:32:21.486 UTC [12216] LOG:  execute <unnamed>: SELECT …" (the first line of the statement)
    [GeneratedRegex(@"\[(?<pid>\d+)\] LOG:  (?:statement|execute [^:]*): (?<sql>[^\n]*)")]
    private static partial Regex LogLine();
}
