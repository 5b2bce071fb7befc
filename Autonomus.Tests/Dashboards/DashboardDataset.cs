using Autonomus.Core.Dashboards;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Dashboards;

/// <summary>
/// The dashboard tests' data, built by hand in a tenant of its own (so the seeded demo data cannot interfere), plus a
/// second tenant whose rows must never count. The range is the first quarter of 2026; for every kind of record one
/// lies a second before it and one at the first instant after it. The expected figures in the tests are worked out
/// from these rows.
/// </summary>
public static class DashboardDataset
{
    public static readonly Guid Dash = Guid.Parse("0d0d0d0d-0000-7000-8000-000000000001");
    public static readonly Guid Other = Guid.Parse("0d0d0d0d-0000-7000-8000-000000000002");
    public static readonly DashboardRange Q1 = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));
    public static readonly DateTimeOffset JustBefore = Utc(2025, 12, 31, 23, 59, 59);
    public static readonly DateTimeOffset Start = Utc(2026, 1, 1);
    public static readonly DateTimeOffset LastSecond = Utc(2026, 3, 31, 23, 59, 59);
    public static readonly DateTimeOffset JustAfter = Utc(2026, 4, 1);

    public static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0, int s = 0) => new(y, m, d, h, min, s, TimeSpan.Zero);
    public static TimeSpan Sec(int seconds) => TimeSpan.FromSeconds(seconds);

    public static async Task EnsureAsync(PostgresFixture pg)
    {
        if (await pg.CountAsync("SELECT count(*) FROM tenants WHERE id = @t", ("t", Dash)) > 0) return;
        var dash = new DashboardRecords(pg, Dash);
        await dash.TenantAsync("dashboard-test");
        var account = await dash.Crm.AccountAsync();
        var close = new DateOnly(2026, 6, 30);
        Task Deal(string stage, decimal amount, string currency, DateTimeOffset? closedAt = null) =>
            dash.Crm.DealAsync(account, stage, closedAt ?? Utc(2026, 2, 1), close, amount: amount, currency: currency, closedAt: closedAt);

        await Deal("Prospecting", 1000m, "USD");
        await Deal("Prospecting", 2500.50m, "USD");
        await Deal("Prospecting", 3_000_000m, "CLP");
        await Deal("Proposal", 4000m, "USD");
        await Deal("Negotiation", 500m, "EUR");
        await Deal("ClosedWon", 10_000m, "USD", Start);                 // week of 2025-12-29
        await Deal("ClosedWon", 5000m, "USD", Utc(2026, 1, 7, 12));      // week of 2026-01-05
        await Deal("ClosedWon", 2_000_000m, "CLP", Utc(2026, 1, 8, 9));  // week of 2026-01-05
        await Deal("ClosedLost", 7000m, "USD", Utc(2026, 1, 6));         // week of 2026-01-05
        await Deal("ClosedLost", 1000m, "USD", LastSecond);              // week of 2026-03-30
        await Deal("ClosedWon", 99_999m, "USD", JustBefore);             // same week as the first, but outside the range
        await Deal("ClosedLost", 88_888m, "USD", JustAfter);

        await dash.LeadAsync("New", "Website", Start);
        await dash.LeadAsync("Contacted", "Website", Utc(2026, 1, 15));
        await dash.LeadAsync("Qualified", "Referral", Utc(2026, 2, 1));
        await dash.LeadAsync("Qualified", "Event", Utc(2026, 2, 10));
        await dash.LeadAsync("Converted", "Referral", Utc(2026, 3, 1));
        await dash.LeadAsync("Unqualified", "Outbound", LastSecond);
        await dash.LeadAsync("Converted", "Website", JustBefore);
        await dash.LeadAsync("Qualified", "Partner", JustAfter);

        var trigger = await dash.TriggerAsync(Start);
        await dash.TriggerAsync(Utc(2026, 2, 1));
        await dash.TriggerAsync(Utc(2026, 3, 1));
        await dash.TriggerAsync(LastSecond);
        await dash.TriggerAsync(JustBefore);
        await dash.TriggerAsync(JustAfter);

        // Suggestion n is created n - 1 hours into the range, so a later n was also reviewed later.
        var n = 0;
        Task Suggest(string agent, string tool, string status, int? reviewSeconds = null, bool edited = false, string? note = null) =>
            dash.SuggestionAsync(trigger, agent, tool, status, Start.AddHours(n++), reviewSeconds is { } s ? Sec(s) : null, edited, note);
        await Suggest("lead_agent", "schedule_follow_up", "Applied", 60);                       // 1
        await Suggest("lead_agent", "schedule_follow_up", "Applied", 120, edited: true);        // 2
        await Suggest("deal_agent", "update_deal_stage", "Applied", 240);                       // 3
        await Suggest("deal_agent", "update_deal_stage", "Failed", 600);                        // 4
        await Suggest("lead_agent", "add_note", "Failed", 900, edited: true);                   // 5
        await Suggest("deal_agent", "update_deal_stage", "Approved", 30);                       // 6: approved, not applied yet
        await Suggest("lead_agent", "schedule_follow_up", "Rejected", 180, note: "TOO   early"); // 7
        await Suggest("deal_agent", "add_note", "Rejected", 3600, note: "  too early ");        // 8
        await Suggest("lead_agent", "update_lead_status", "Rejected", 300, note: "Too early");  // 9: the latest wording
        await Suggest("deal_agent", "update_deal_stage", "Rejected", 45, note: "wrong contact"); // 10
        await Suggest("deal_agent", "update_deal_stage", "Rejected", 90, note: "Wrong contact"); // 11
        await Suggest("lead_agent", "add_note", "Rejected", 150, note: "Duplicate");            // 12
        await Suggest("lead_agent", "update_lead_status", "Rejected", 200, note: "Not now");    // 13
        await Suggest("deal_agent", "add_note", "Rejected", 210, note: "Bad timing");           // 14
        await Suggest("deal_agent", "update_deal_stage", "Rejected", 400, note: "Wrong owner"); // 15: sixth reason, not in the top 5
        await Suggest("lead_agent", "schedule_follow_up", "Expired");                           // 16
        await Suggest("deal_agent", "add_note", "Expired", 500);                                // 17: approved, then expired in a conflict
        await Suggest("lead_agent", "schedule_follow_up", "Pending");                           // 18
        await Suggest("lead_agent", "update_lead_status", "Superseded");                        // 19
        await dash.SuggestionAsync(trigger, "lead_agent", "add_note", "Applied", JustBefore, Sec(5));
        await dash.SuggestionAsync(trigger, "lead_agent", "add_note", "Rejected", JustAfter, Sec(5), note: "Duplicate");

        var other = new DashboardRecords(pg, Other);
        await other.TenantAsync("dashboard-other");
        var otherAccount = await other.Crm.AccountAsync();
        await other.Crm.DealAsync(otherAccount, "Prospecting", Utc(2026, 2, 1), close, amount: 777m, currency: "USD");
        await other.Crm.DealAsync(otherAccount, "ClosedWon", Utc(2026, 1, 6), close, amount: 1234m, currency: "USD", closedAt: Utc(2026, 1, 6));
        await other.LeadAsync("Qualified", "Website", Utc(2026, 1, 20));
        var otherTrigger = await other.TriggerAsync(Utc(2026, 1, 20));
        await other.SuggestionAsync(otherTrigger, "lead_agent", "add_note", "Applied", Utc(2026, 1, 20), Sec(10));
        await other.SuggestionAsync(otherTrigger, "lead_agent", "add_note", "Rejected", Utc(2026, 1, 21), Sec(20), note: "Too early");
    }
}
