using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel over its own copy of the seeded database, and one headless Chromium, per test class.
/// Each demo user signs in once per class; later tests reuse the saved cookies.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string> _signedInStates = [];
    private IPlaywright? _playwright;
    private AppFactory? _app;

    public PostgresFixture Database { get; } = new();
    public IBrowser Browser { get; private set; } = default!;
    public Uri BaseUrl { get; private set; } = default!;

    /// <summary>App settings for this fixture's app; the scheduler is off unless a fixture turns it on.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>When the app started: time-bound checks ("within two minutes of start") count from here.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _app = new AppFactory(Database.Db.AppConnection, settings: Settings);
        StartedAt = DateTimeOffset.UtcNow;
        BaseUrl = _app.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's Chromium, offline: Playwright never downloads a browser here.
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>
    /// A new browser tab, signed in as <paramref name="signedInAs"/> if given. The console speaks <paramref name="culture"/>
    /// (its culture cookie, as the profile menu would set it); null keeps what the sign-in chose: the person's own
    /// language or their organisation's default (Andes: Spanish).
    /// </summary>
    public async Task<IPage> NewPageAsync(string? signedInAs = null, string? culture = "en")
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 1000 }, Locale = "en-US",
        };
        if (signedInAs is not null) options.StorageState = await SignedInStateAsync(signedInAs);
        var context = await Browser.NewContextAsync(options);
        if (culture is not null)
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = Uri.EscapeDataString($"c={culture}|uic={culture}"), Url = BaseUrl.ToString() }]);
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private async Task<string> SignedInStateAsync(string email)
    {
        if (_signedInStates.TryGetValue(email, out var state)) return state;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString(), Locale = "en-US" });
        var page = await context.NewPageAsync();
        await new PageObjects.SignInPage(page).SignInWithCodeAsync(email, TestDatabase.DemoPassword, await Database.AuthenticatorKeyAsync(email));
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        state = await context.StorageStateAsync();
        await context.CloseAsync();
        return _signedInStates[email] = state;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await Database.DisposeAsync();
    }
}
