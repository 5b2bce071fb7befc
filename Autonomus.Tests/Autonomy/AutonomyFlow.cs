using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>The steps of the pipeline a test takes to reach the state it examines: settings, detection, proposal.</summary>
public static class AutonomyFlow
{
    /// <summary>A clock standing still at a whole second, so timestamps survive PostgreSQL's microseconds unchanged.</summary>
    public static FakeTimeProvider ClockAt(DateTimeOffset at) =>
        new(new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero));

    /// <summary>Changes the tenant's autonomy settings (the row is created with the defaults first if missing), as the system.</summary>
    public static async Task ConfigureAsync(this PostgresFixture pg, Guid tenantId, Action<AutonomySettings> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var sp = pg.Services(tenantId);
            await using var db = await sp.GetRequiredService<ICrmDbFactory>().OpenAsync();
            var settings = await db.AutonomySettings.SingleOrDefaultAsync(s => s.TenantId == tenantId);
            if (settings is null) db.AutonomySettings.Add(settings = new AutonomySettings(tenantId));
            change(settings);
            try
            {
                await db.SaveChangesAsync();
                return;
            }
            // A running app (its ledger verification at start) may create the row between the read and the insert: read it again.
            catch (DbUpdateException e) when (attempt == 1 && e.InnerException is Npgsql.PostgresException { SqlState: "23505" }) { }
        }
    }

    /// <summary>Runs the named detectors (all when none) for the tenant, as the scheduled job does.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> DetectAsync(this PostgresFixture pg, Guid tenantId, TimeProvider clock, params string[] types)
    {
        await using var sp = pg.Services(tenantId, clock: clock);
        return await sp.GetRequiredService<DetectTriggers>().HandleAsync(types.Length == 0 ? null : types);
    }

    public static Task<long> OpenTriggersAsync(this PostgresFixture pg, string type, Guid recordId) => pg.CountAsync(
        "SELECT count(*) FROM triggers WHERE type = @type AND record_id = @id AND closed_at IS NULL", ("type", type), ("id", recordId));

    /// <summary>Detects <paramref name="type"/> and proposes for the trigger on <paramref name="recordId"/>; returns the new suggestion's id.</summary>
    public static async Task<Guid> SuggestionForAsync(this PostgresFixture pg, Guid tenantId, TimeProvider clock, string type, Guid recordId)
    {
        await pg.DetectAsync(tenantId, clock, type);
        var triggers = await pg.IdsAsync("SELECT id FROM triggers WHERE type = @type AND record_id = @id AND closed_at IS NULL", ("type", type), ("id", recordId));
        if (triggers.Count != 1) throw new InvalidOperationException($"Expected one open {type} trigger on {recordId}, found {triggers.Count}.");
        await using var sp = pg.Services(tenantId, clock: clock);
        await sp.GetRequiredService<ProposeSuggestions>().HandleAsync(triggerId: triggers[0]);
        var suggestions = await pg.IdsAsync("SELECT id FROM suggestions WHERE trigger_id = @t", ("t", triggers[0]));
        if (suggestions.Count != 1) throw new InvalidOperationException($"Expected one suggestion for trigger {triggers[0]}, found {suggestions.Count}.");
        return suggestions[0];
    }

    /// <summary>The suggestion row as text: any write to it shows up here.</summary>
    public static Task<string> SuggestionRowAsync(this PostgresFixture pg, Guid id) =>
        pg.ScalarAsync<string>("SELECT s::text FROM suggestions s WHERE id = @id", ("id", id));
}
