namespace Autonomus.Web.Components.Pages.Home;

/// <summary>One point of a Radzen chart: the series read <see cref="Label"/> and <see cref="Value"/> by property name.</summary>
public sealed record ChartPoint(string Label, double Value);
