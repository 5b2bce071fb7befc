using Autonomus.Core.Common;

namespace Autonomus.Core.Dashboards;

/// <summary>How the over-time charts group their points: ISO weeks (starting Monday) or calendar months, in UTC.</summary>
public enum TimeBucket
{
    Week,
    Month,
}

/// <summary>
/// Whole UTC days from <see cref="From"/> to <see cref="To"/>, both included. The queries use it as the half-open
/// interval [<see cref="Start"/>, <see cref="End"/>): a record stamped 23:59:59 on <see cref="To"/> counts, one stamped
/// 00:00 on the next day does not.
/// </summary>
public sealed record DashboardRange(DateOnly From, DateOnly To)
{
    public const int DefaultDays = 90;
    /// <summary>Ten years: enough for any dashboard, and it keeps the bucket series short.</summary>
    public const int MaxDays = 3653;
    /// <summary>Ranges up to this many days are charted by week, longer ones by month.</summary>
    public const int WeeklyUpToDays = 120;

    /// <summary>The last <paramref name="days"/> days, today (UTC) included.</summary>
    public static DashboardRange LastDays(int days, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new DashboardRange(today.AddDays(1 - Math.Max(1, days)), today);
    }

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Midnight UTC after <see cref="To"/>: excluded.</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public int Days => To.DayNumber - From.DayNumber + 1;

    public TimeBucket Bucket => Days <= WeeklyUpToDays ? TimeBucket.Week : TimeBucket.Month;

    public void EnsureValid()
    {
        if (To < From) throw InputInvalid.For(nameof(To), "The end date is before the start date.");
        if (Days > MaxDays) throw InputInvalid.For(nameof(From), "Choose a range of at most ten years.");
    }
}
