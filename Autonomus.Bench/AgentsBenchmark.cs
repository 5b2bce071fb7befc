using System.Diagnostics;
using Autonomus.Core.Agents.DealStrategy.WinProbability;
using Autonomus.Core.Agents.LeadIntelligence.Scoring;
using Autonomus.Core.Agents.Prediction;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Data.Agents.DataQuality;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Bench;

/// <summary>
/// 6. Agents. (a) The Data Quality Guardian's duplicate scan over 100,000 contacts (one set-based statement: hashed
/// equi-joins on email and phone, trigram similarity within an account) against comparing every pair in .NET over the same
/// rows — timed on a sample and extrapolated by the number of pairs; (b) scoring 100,000 open leads (features, batch
/// prediction, factors, write-back) against the bare SELECT of the same feature rows plus the model's batch prediction;
/// (c) the lead score's AUC on the demo data against the hand score's, and its training time.
/// </summary>
public sealed class AgentsBenchmark(BenchSettings s, Guid tenantId)
{
    public const int Contacts = 100_000, Leads = 100_000, PairwiseSample = 4_000;

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        await SeedAsync();
        var results = new List<Result>();
        results.Add(await DuplicateScanAsync());
        results.AddRange(await ScoringAsync());
        return results;
    }

    /// <summary>100,000 contacts over 5,000 accounts (names drawn from small lists, so some repeat within an account; one in 100 shares another's email) and 100,000 open leads with their activities.</summary>
    private async Task SeedAsync()
    {
        var watch = Stopwatch.StartNew();
        await BenchDatabase.ExecuteAsync(s.OwnerConnection, $"""
            INSERT INTO accounts (id, tenant_id, name, created_at, updated_at, version)
            SELECT gen_random_uuid(), '{tenantId}', 'Bench account ' || i, now() - interval '200 days', now(), 1 FROM generate_series(1, 5000) i
            """, $"""
            INSERT INTO contacts (id, tenant_id, account_id, first_name, last_name, email, phone, created_at, updated_at, version)
            SELECT gen_random_uuid(), '{tenantId}', a.ids[1 + (i % 5000)],
                   (ARRAY['Ana','Luis','María','José','Camila','Diego','Valentina','Matías','Sofía','Tomás','Isidora','Benjamín','Florencia','Vicente','Antonia','Joaquín','Catalina','Martín','Fernanda','Cristóbal'])[1 + abs(hashtext('f' || i)) % 20],
                   (ARRAY['González','Muñoz','Rojas','Díaz','Pérez','Soto','Contreras','Silva','Martínez','Sepúlveda','Morales','Rodríguez','López','Fuentes','Hernández','Torres','Araya','Flores','Espinoza','Valenzuela','Castillo','Tapia','Reyes','Gutiérrez','Castro'])[1 + abs(hashtext('l' || i)) % 25],
                   'contact' || CASE WHEN i % 100 = 0 THEN i - 1 ELSE i END || '@bench.example',
                   '+56 9 ' || lpad((i * 7919 % 100000000)::text, 8, '0'),
                   now() - make_interval(mins => i), now(), 1
            FROM generate_series(1, {Contacts}) i, (SELECT array_agg(id) AS ids FROM accounts WHERE tenant_id = '{tenantId}' AND name LIKE 'Bench account %') a
            """, $"""
            INSERT INTO leads (id, tenant_id, first_name, last_name, company, email, phone, source, status, score, status_changed_at, created_at, updated_at, version)
            SELECT gen_random_uuid(), '{tenantId}', 'Bench', 'Lead ' || i, 'Company ' || (i % 3000), CASE WHEN i % 4 <> 0 THEN 'lead' || i || '@bench.example' END,
                   CASE WHEN i % 3 <> 0 THEN '+1 206 555 ' || lpad((i % 10000)::text, 4, '0') END,
                   (ARRAY['Website','Referral','Event','Outbound','Partner','Advertising'])[1 + i % 6], 'New', i % 101, now(), now() - make_interval(hours => i % 2000), now(), 1
            FROM generate_series(1, {Leads}) i
            """, $"""
            INSERT INTO activities (id, tenant_id, type, subject, related_type, related_id, completed_at, created_at, updated_at, version)
            SELECT gen_random_uuid(), l.tenant_id, (ARRAY['Call','Email','Meeting','Task'])[1 + (k + length(l.last_name)) % 4], 'Bench touch', 'Lead', l.id,
                   l.created_at + make_interval(hours => k * 20), l.created_at + make_interval(hours => k * 20), now(), 1
            FROM leads l CROSS JOIN generate_series(0, 4) k
            WHERE l.tenant_id = '{tenantId}' AND l.first_name = 'Bench' AND (k < 2 OR (hashtext(l.id::text) & 3) = 0)
            """, "VACUUM (ANALYZE) accounts, contacts, leads, activities");
        Console.WriteLine($"    seeded {Contacts:N0} contacts over 5,000 accounts and {Leads:N0} open leads with their activities in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<Result> DuplicateScanAsync()
    {
        var detector = new DuplicateContactDetector();
        var settings = new AutonomySettings(tenantId);
        var now = DateTimeOffset.UtcNow;
        await using var conn = await BenchDatabase.OpenAppConnectionAsync(s, tenantId);
        var found = 0;
        var scan = new Samples("duplicate scan, set-based (DuplicateContactDetector's SELECT)");
        for (var i = 0; i < 1 + 5; i++)
        {
            var ms = await Sampler.TimeAsync(async () =>
            {
                await using var cmd = new NpgsqlCommand(detector.CandidatesSql, conn) { CommandTimeout = 0 };
                cmd.Parameters.AddRange(detector.AllParameters(tenantId, settings, now).ToArray());
                await using var reader = await cmd.ExecuteReaderAsync();
                found = 0;
                while (await reader.ReadAsync()) found++;
            });
            if (i > 0) scan.Add(ms);
        }
        Console.WriteLine($"    {scan}; {found:N0} duplicates found");

        // The baseline: every pair compared in .NET, with the same rules (email, national phone, trigram similarity
        // within an account), each row normalised once. Over all rows it would take days: timed on a sample, scaled by pairs.
        var rows = new List<(Guid Account, string Name, string? Email, string? Phone, string Block)>();
        await using (var cmd = new NpgsqlCommand(
            $"SELECT account_id, first_name || ' ' || last_name, email, phone, {DuplicateContactDetector.LastNameKey("contacts")} FROM contacts ORDER BY created_at LIMIT @n", conn))
        {
            cmd.Parameters.AddWithValue("n", Contacts);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add((reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4)));
        }
        var sample = rows.Take(PairwiseSample).ToList();
        var pairwise = new Samples($"pairwise in .NET over {sample.Count:N0} contacts");
        for (var i = 0; i < 1 + 3; i++)
        {
            var ms = await Sampler.TimeAsync(() => { PairwiseDuplicates.Count(sample, 0.6); return Task.CompletedTask; });
            if (i > 0) pairwise.Add(ms);
        }
        double Pairs(double n) => n * (n - 1) / 2;
        var extrapolated = new Samples($"pairwise in .NET over {rows.Count:N0} contacts (extrapolated ×{Pairs(rows.Count) / Pairs(sample.Count):F0} pairs)");
        foreach (var v in pairwise.Values) extrapolated.Add(v * Pairs(rows.Count) / Pairs(sample.Count));
        Console.WriteLine($"    {pairwise}\n    {extrapolated}");
        return Result.Timed($"6a duplicate scan, {rows.Count:N0} contacts: set-based / pairwise .NET (extrapolated)", scan, extrapolated, Goal.FasterBy, 50, headline: true);
    }

    private async Task<IReadOnlyList<Result>> ScoringAsync()
    {
        var results = new List<Result>();
        // The demo organisation without bench data: its own synthetic closed leads.
        var northwind = Autonomus.Data.Seeding.DemoTenants.Northwind.Id;
        await using (var system = BenchServices.As(s, northwind))
        {
            var model = await system.GetRequiredService<TrainPrediction>().HandleAsync(LeadScorePrediction.Instance);
            Console.WriteLine($"    Northwind demo: lead score AUC {model.Auc:F3} on its newest {model.TestRows} outcomes, hand score {model.HandAuc:F3}; trained on {model.TrainRows} in {model.TrainingSeconds:F2} s");
            results.Add(new Result("6c lead score AUC (Northwind demo, newest fifth) / hand score's", $"{model.Auc:F3}", $"{model.HandAuc:F3}",
                (model.Auc ?? 0) / (model.HandAuc ?? 1), Goal.FasterBy, 1.0));
            var win = await system.GetRequiredService<TrainPrediction>().HandleAsync(WinProbabilityPrediction.Instance);
            Console.WriteLine($"    Northwind demo: win probability AUC {win.Auc:F3} on its newest {win.TestRows} outcomes, stage probability {win.HandAuc:F3}; trained on {win.TrainRows} in {win.TrainingSeconds:F2} s");
            results.Add(new Result("6d win probability AUC (Northwind demo, newest fifth) / stage probability's", $"{win.Auc:F3}", $"{win.HandAuc:F3}",
                (win.Auc ?? 0) / (win.HandAuc ?? 1), Goal.FasterBy, 1.0));
        }

        // The bench tenant scores its 100,000 open leads with a model trained on the Northwind demo (the same features).
        await using var owner = new NpgsqlConnection(s.OwnerConnection);
        await owner.OpenAsync();
        await using (var copy = new NpgsqlCommand($"""
            INSERT INTO prediction_models (tenant_id, kind, version, trained_at, succeeded, train_rows, test_rows, auc, hand_auc, training_seconds, model, factors)
            SELECT '{tenantId}', kind, 1000 + version, trained_at, succeeded, train_rows, test_rows, auc, hand_auc, training_seconds, model, factors
            FROM prediction_models WHERE tenant_id = '{northwind}' AND kind = 'lead_score' AND succeeded ORDER BY version DESC LIMIT 1
            """, owner)) await copy.ExecuteNonQueryAsync();

        await using var bench = BenchServices.As(s, tenantId);
        var first = await Sampler.TimeAsync(async () =>
        {
            await using var scope = bench.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ScorePrediction>().HandleAsync(LeadScorePrediction.Instance);
        });
        Console.WriteLine($"    first scoring of the bench tenant's open leads (every score written): {Format.Ms(first)}");
        PredictionModel? stored;
        await using (var scope = bench.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<ICrmDbFactory>().OpenAsync())
            stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.PredictionModels));
        var (score, bare) = await Sampler.PairAsync("ScorePrediction (features, prediction, factors, write-back of what changed)", async () =>
        {
            await using var scope = bench.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ScorePrediction>().HandleAsync(LeadScorePrediction.Instance);
        }, "bare SELECT of the feature rows + the model's batch prediction", async () =>
        {
            await using var scope = bench.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<ICrmDbFactory>().OpenAsync();
            var rows = await LeadScorePrediction.Instance.OpenAsync(db, tenantId, DateTimeOffset.UtcNow, null, CancellationToken.None);
            var ml = OutcomeTrainer.NewContext();
            OutcomeTrainer.Predict(ml, OutcomeTrainer.Load(ml, stored.Model!), rows);
        }, warmup: 1, repetitions: 5);
        Console.WriteLine($"    {score}\n    {bare}");
        results.Add(Result.Timed($"6b scoring {Leads:N0} open leads / bare SELECT + batch prediction", score, bare, Goal.AtMost, 2, headline: true));
        return results;
    }
}

/// <summary>The naive way to find duplicates: every pair of rows compared in memory with the same three rules (and the same name block).</summary>
public static class PairwiseDuplicates
{
    public static int Count(IReadOnlyList<(Guid Account, string Name, string? Email, string? Phone, string Block)> rows, double similarity)
    {
        var normal = rows.Select(r => (r.Account, r.Block, Trigrams: Trigrams(r.Name), Email: r.Email?.Trim().ToLowerInvariant(), Phone: National(r.Phone))).ToArray();
        var found = 0;
        for (var i = 0; i < normal.Length; i++)
            for (var j = i + 1; j < normal.Length; j++)
            {
                var (a, b) = (normal[i], normal[j]);
                if ((a.Email is not null && a.Email == b.Email) || (a.Phone is { Length: >= 8 } && a.Phone == b.Phone)
                    || (a.Account == b.Account && a.Block == b.Block && Similarity(a.Trigrams, b.Trigrams) >= similarity)) found++;
            }
        return found;
    }

    private static string? National(string? phone)
    {
        if (phone is null) return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 9 ? digits[^9..] : digits;
    }

    /// <summary>pg_trgm's trigrams: each word padded with two spaces before and one after, lower case.</summary>
    private static HashSet<string> Trigrams(string text)
    {
        var set = new HashSet<string>();
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var padded = "  " + word + " ";
            for (var k = 0; k + 3 <= padded.Length; k++) set.Add(padded.Substring(k, 3));
        }
        return set;
    }

    private static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }
}
