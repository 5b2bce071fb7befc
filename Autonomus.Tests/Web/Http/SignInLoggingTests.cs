using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autonomus.Tests.Web.Http;

public sealed class SignInLoggingTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task AFailedSignInIsLoggedWithoutThePasswordOrTheAddress()
    {
        var logs = new LogCapture();
        await using var app = new AppFactory(pg.Db.AppConnection, services: s => s.AddSingleton<ILoggerProvider>(logs));
        var client = app.CreateClient();
        const string password = "Wrong-Horse-Battery-77";
        const string email = "rep1@andes.demo";

        var page = await client.GetStringAsync("/Account/Login");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ConsoleSignIn.AntiforgeryToken(page), ["_handler"] = "login",
            ["Input.Email"] = email, ["Input.Password"] = password,
        };
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(form));
        Assert.Contains("Invalid email or password.", await response.Content.ReadAsStringAsync());

        Assert.Contains(logs.Lines, l => l.Contains("Sign-in failed"));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(password));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(email, StringComparison.OrdinalIgnoreCase));
    }
}
