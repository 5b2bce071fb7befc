using Autonomus.Web.Cli;
using Autonomus.Web.Components;

var builder = WebApplication.CreateBuilder(args);
builder.UseRootAppSettings();
builder.AddSerilogLogging();
var isCommand = DevCommands.IsCommand(args);
if (isCommand) DevCommands.UseOwnerConnection(builder);
builder.RequireRealSecrets();

builder.Services.AddCore();
builder.Services.AddData(builder.Configuration);
builder.Services.AddWeb();

var app = builder.Build();
if (isCommand) return await DevCommands.RunAsync(app, args);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
app.UseCorrelationId();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseMandatoryMfa();
app.UseTenantContext();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

public partial class Program;
