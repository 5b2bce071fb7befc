namespace Autonomus.Web.Components.Pages.Home;

/// <summary>
/// One category of a dashboard chart and its value: a bar, a point of a line or a slice, and a row of the chart's table
/// of figures (see <see cref="ChartFigure"/>). <see cref="Text"/> is the value as that table writes it when a plain
/// number would say less (an amount with its currency, a share in percent); by default the value in the reader's culture.
/// </summary>
public sealed record ChartPoint(string Label, double Value, string? Text = null);

/// <summary>A named series of a dashboard chart: a legend entry, and a column of the chart's table of figures.</summary>
public sealed record NamedSeries(string Name, IReadOnlyList<ChartPoint> Points);

public static class ChartScale
{
    /// <summary>
    /// The y axis's spacing for values up to <paramref name="max"/>: 1, 2 or 5 × 10ⁿ, about five lines. MudChart's default
    /// (a line every 20) draws a bare axis for a count of 3; above our cap it doubles the spacing itself when there would
    /// be too many lines, and the cap keeps the spacing inside an int for amounts in the billions.
    /// </summary>
    public static int Step(double max)
    {
        if (!(max > 5)) return 1;
        var raw = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / magnitude) switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 } * magnitude;
        return (int)Math.Min(step, 1_000_000_000);
    }
}
