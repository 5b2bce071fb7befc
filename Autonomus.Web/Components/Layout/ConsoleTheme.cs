using MudBlazor;

namespace Autonomus.Web.Components.Layout;

/// <summary>
/// The console's one palette, light and dark. Every text/background pair used by the console meets WCAG 2.1 AA
/// (4.5:1 for text): ratios are noted beside each pair and checked by axe-core on every page in the E2E suite.
/// </summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f48b8",            // 7.0:1 on white
            PrimaryContrastText = "#ffffff",
            Secondary = "#6a1b9a",          // 9.6:1 on white
            Tertiary = "#00695c",           // 6.3:1 on white
            Info = "#1565c0",               // 5.8:1 on white
            Success = "#1b5e20",            // 7.9:1 on white
            Warning = "#8a5300",            // 5.9:1 on white
            Error = "#b3261e",              // 6.4:1 on white
            AppbarBackground = "#1f2a44",   // white on it: 14.0:1
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1d2733",
            DrawerIcon = "#3b4653",
            TextPrimary = "#1d2733",        // 15.0:1 on white
            TextSecondary = "#4f5b6a",      // 6.9:1 on white, 6.4:1 on the page background
            ActionDefault = "#3b4653",
            TableLines = "#e2e6ea",
            LinesDefault = "#d5dae0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9db4ff",            // 8.3:1 on the dark surface
            PrimaryContrastText = "#0d1526",
            Secondary = "#e1a6ff",
            Tertiary = "#6fd6c4",
            Info = "#8cc4ff",
            Success = "#8ad68f",
            Warning = "#ffc26b",
            Error = "#ff9b93",
            AppbarBackground = "#111827",
            AppbarText = "#f3f4f6",
            Background = "#0f141c",
            Surface = "#1a2130",
            DrawerBackground = "#141a26",
            DrawerText = "#e5e7eb",
            DrawerIcon = "#cbd2dc",
            TextPrimary = "#eef1f5",        // 14.9:1 on the surface
            TextSecondary = "#b9c2cf",      // 8.9:1 on the surface
            ActionDefault = "#cbd2dc",
            TableLines = "#2c3545",
            LinesDefault = "#3a4456",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "14rem", DefaultBorderRadius = "6px" },
        // Sentence case on buttons: long Spanish labels in capitals are hard to read.
        Typography = new Typography { Button = new ButtonTypography { TextTransform = "none" } },
    };
}
