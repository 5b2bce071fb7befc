using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Autonomus.Tests.Infrastructure;

/// <summary>The real app over a test database, as the runtime role. <see cref="StartKestrel"/> gives it a real socket for browsers.</summary>
public sealed class AppFactory(string appConnection, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null,
    Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // The scheduler stays off unless a test asks for it: detectors must not change data under other tests.
        builder.UseSetting("Autonomus:Autonomy:SchedulerEnabled", "false");
        builder.UseSetting("ConnectionStrings:Autonomus", appConnection);
        // The ledger key the test services use too (PostgresFixture.Services): entries written by either verify in both.
        builder.UseSetting("Autonomus:Ledger:Key", TestDatabase.LedgerKey);
        // The key ring that encrypted the demo users' authenticator keys when the template was seeded.
        _ = TestDataProtection.Protector;
        builder.UseSetting("Autonomus:DataProtection:KeysPath", TestDataProtection.Folder);
        builder.UseSetting("Logging:File", "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Sessions re-check the security stamp every second here, so "sign out everywhere" is testable without waiting a minute.
        builder.UseSetting("Autonomus:Sessions:Revalidation", "00:00:01");
        // Likewise access tokens and hub connections re-check the security stamp every second.
        builder.UseSetting("Autonomus:Jwt:StampCheck", "00:00:01");
        // Every test signs in from one address, and some sign the same person in many times: the sign-in limits are
        // raised here and lowered again by the tests of the limits themselves.
        builder.UseSetting("Autonomus:SignIn:AttemptsPerAccount", "1000");
        builder.UseSetting("Autonomus:SignIn:RequestsPerAddressPerMinute", "10000");
        // Last, so that a test's own settings win over the defaults above.
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services);
    }

    /// <summary>Starts on a free loopback port and returns the base address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }
}
