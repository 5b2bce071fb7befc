using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Microsoft.AspNetCore.Builder;

public static class RootAppSettings
{
    /// <summary>
    /// The repository-root appsettings.json is linked into the build output. The default builder looks for it
    /// in the content root (the project folder), where it is not; this points that same source, at the same
    /// place in the order, at the build output, so appsettings.{Environment}.json and the environment still override it.
    /// </summary>
    public static void UseRootAppSettings(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var rootSettings = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = false,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        if (index >= 0) sources[index] = rootSettings;
        else sources.Insert(0, rootSettings);
    }
}
