using System.Collections;
using System.Globalization;
using System.Resources;
using Autonomus.Web.Components.Shared;
using Autonomus.Web.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autonomus.Tests.Web;

/// <summary>The console's texts: both languages complete, the fallbacks as documented, numbers and dates per culture.</summary>
public sealed class ConsoleTextTests
{
    private static readonly CultureInfo Spanish = new("es-CL");

    /// <summary>Every resource file of the product: the console's, the enum names and the playbooks' texts.</summary>
    public static TheoryData<string, int> ResourceFiles() => new()
    {
        { "console", 500 }, { "enums", 30 }, { "playbooks", 35 }, { "validation", 20 },
    };

    public static TheoryData<string> FileNames() => ["console", "enums", "playbooks", "validation"];

    private static ResourceManager Resources(string name) => name switch
    {
        "console" => ConsoleStringLocalizer.Resources,
        "enums" => Autonomus.Core.Localization.CoreText.Enums,
        "validation" => Autonomus.Core.Localization.ValidationText.Resources,
        _ => Autonomus.Core.Localization.CoreText.Playbooks,
    };

    private static Dictionary<string, string> Texts(CultureInfo culture, string file = "console")
    {
        var set = Resources(file).GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No {file} resources for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void TheSpanishTextsHaveEveryKeyTheEnglishOnesHave(string file, int atLeast)
    {
        var english = Texts(CultureInfo.InvariantCulture, file);
        var spanish = Texts(Spanish, file);
        Assert.True(english.Count >= atLeast, $"only {english.Count} English {file} texts");
        var missing = english.Keys.Except(spanish.Keys).Order().ToList();
        Assert.True(missing.Count == 0, $"Missing in the Spanish {file} texts: " + string.Join(", ", missing));
        var empty = spanish.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ToList();
        Assert.True(empty.Count == 0, "Empty Spanish texts: " + string.Join(", ", empty));
    }

    [Theory]
    [MemberData(nameof(FileNames))]
    public void PlaceholdersMatchBetweenTheLanguages(string file)
    {
        var english = Texts(CultureInfo.InvariantCulture, file);
        var spanish = Texts(Spanish, file);
        var mismatched = english.Where(e => spanish.TryGetValue(e.Key, out var es) && Placeholders(e.Value) != Placeholders(es)).Select(e => e.Key).ToList();
        Assert.True(mismatched.Count == 0, "Placeholders differ: " + string.Join(", ", mismatched));

        static string Placeholders(string text) => string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order());
    }

    [Fact]
    public void AKeyWithoutTextShowsTheKeyAndIsLoggedOnce()
    {
        var log = new CountingLogger();
        var text = new ConsoleStringLocalizer(log);
        using var _ = new UiCulture(Spanish);
        var first = text["No.Such.Key"];
        var second = text["No.Such.Key"];
        Assert.True(first.ResourceNotFound);
        Assert.Equal("No.Such.Key", second.Value);
        Assert.Equal(1, log.Warnings);
        Assert.Equal("Prospectos", text["Leads.Title"].Value);
        Assert.Equal(1, log.Warnings);
    }

    [Fact]
    public void NumbersMoneyAndDatesFollowTheCulture()
    {
        var at = new DateTimeOffset(2026, 11, 29, 3, 30, 0, TimeSpan.Zero);
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        using (new UiCulture(Spanish))
        {
            Assert.Equal("CLP 1.234.567", Format.Money(1_234_567.4m, "CLP"));
            Assert.Equal("USD 1.234,50", Format.Money(1_234.5m, "USD"));
            Assert.Equal("29-11-2026", Format.Date(at));
            // 03:30 UTC is 00:30 the same day in Santiago (UTC-3 in summer).
            Assert.Equal("29-11-2026", Format.Date(at, santiago));
            Assert.Matches(@"^29-11-2026 0?0:30$", Format.DateTime(at, santiago));
            Assert.Equal("66,7 %", Format.Percent(2 / 3.0));
        }
        using (new UiCulture(new CultureInfo("en")))
        {
            Assert.Equal("CLP 1,234,567", Format.Money(1_234_567m, "CLP"));
            Assert.Equal("11/29/2026", Format.Date(at));
            Assert.EndsWith(" UTC", Format.DateTime(at));
        }
    }

    [Fact]
    public void InputRulesAnswerInTheReadersLanguage()
    {
        var input = new Autonomus.Core.Crm.Leads.LeadInput { LastName = "Soto", Email = "not-an-email" };
        using (new UiCulture(Spanish))
        {
            var spanish = Assert.Throws<Autonomus.Core.Common.InputInvalid>(() => Autonomus.Core.Common.InputInvalid.ThrowIfInvalid(input));
            Assert.Equal(["El nombre es obligatorio."], spanish.Errors["FirstName"]);
            Assert.Equal(["Ingresa un correo válido."], spanish.Errors["Email"]);
        }
        using (new UiCulture(new CultureInfo("en")))
        {
            var english = Assert.Throws<Autonomus.Core.Common.InputInvalid>(() => Autonomus.Core.Common.InputInvalid.ThrowIfInvalid(input));
            Assert.Equal(["First name is required."], english.Errors["FirstName"]);
        }
    }

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _ui = CultureInfo.CurrentUICulture;

        public UiCulture(CultureInfo culture) => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _ui);
    }

    private sealed class CountingLogger : ILogger<ConsoleStringLocalizer>
    {
        public int Warnings { get; private set; }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Warnings++;
        }
    }
}
