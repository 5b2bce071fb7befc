using Autonomus.Web.Authentication;
using Autonomus.Web.Cli;
using Autonomus.Web.Components;
using Autonomus.Web.Localization;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);
// The CSS and scripts of the component library come from the build output in every environment (./dev up runs Production unpublished).
builder.WebHost.UseStaticWebAssets();
builder.UseRootAppSettings();
builder.AddSerilogLogging();
var isCommand = DevCommands.IsCommand(args);
if (isCommand) DevCommands.UseOwnerConnection(builder);
builder.RequireRealSecrets();

builder.Services.AddSingleton(builder.Configuration.GetSection(Autonomus.Core.Agents.Communication.Email.SmtpOptions.Section).Get<Autonomus.Core.Agents.Communication.Email.SmtpOptions>() ?? new());
builder.Services.AddCore();
builder.Services.AddAiSuggestions(builder.Configuration.GetSection(Autonomus.Core.Suggestions.Llm.AiOptions.Section).Get<Autonomus.Core.Suggestions.Llm.AiOptions>() ?? new());
builder.Services.AddData(builder.Configuration);
builder.Services.AddLedgerKeys(builder.Configuration, builder.Environment);
builder.Services.AddWeb();
builder.Services.AddSignInCountries(builder.Configuration);
// One key ring for every node: a cookie issued by one node is read by the others (and survives restarts).
if (builder.Configuration["Autonomus:DataProtection:KeysPath"] is { Length: > 0 } keys)
    builder.Services.AddDataProtection().SetApplicationName("Autonomus").PersistKeysToFileSystem(new DirectoryInfo(keys));
builder.Services.AddApi(builder.Configuration);
builder.AddHttpsBehindProxies();
if (!isCommand) builder.Services.AddAutonomyScheduler(builder.Configuration);

var app = builder.Build();
if (isCommand) return await DevCommands.RunAsync(app, args);

app.UseForwardedHeadersFromKnownProxies();
// The API answers every failure as Problem Details (ApiExceptionHandler), in every environment; the console has its error page.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler());
if (!app.Environment.IsDevelopment())
    app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), console => console.UseExceptionHandler("/Error", createScopeForErrors: true));
app.UseHttpsWhereConfigured();
app.UseSecurityHeaders();
app.UseCorrelationId();
app.UseRequestLogging();
// The console shows its not-found page; the API answers Problem Details, never HTML.
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/hubs"),
    console => console.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseHubOriginCheck();
app.UseSingleCredential();
app.UseAuthentication();
// Before authorization: a request refused with a 401 or 403 still counts toward its client's limit.
app.UseRateLimiter();
app.UseAuthorization();
app.UseMandatoryMfa();
app.UseTenantContext();
app.UseConsoleLocalization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthEndpoints();
app.MapPrometheusMetrics();
app.MapAccountEndpoints();
app.MapApi();
app.MapJwks();
Autonomus.Web.Api.LedgerEndpoints.MapLedgerCheckpointDownload(app);
// A connection ends when its sign-in does (an access token's 10 minutes, the cookie's session); HubSessions also ends it on revocation.
app.MapHub<Autonomus.Web.Alerts.AlertsHub>(Autonomus.Web.Alerts.AlertsHub.Path, o => o.CloseOnAuthenticationExpiration = true);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

public partial class Program;
