using Autonomus.Core.Authorization;
using Autonomus.Core.Crm.Accounts;
using Autonomus.Core.Crm.Activities;
using Autonomus.Core.Crm.Contacts;
using Autonomus.Core.Crm.Deals;
using Autonomus.Core.Crm.Leads;
using Autonomus.Core.Crm.Users;

namespace Microsoft.Extensions.DependencyInjection;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The domain's use cases. They need an <c>ICrmDbFactory</c> and an <c>ITenantContext</c> from the host.</summary>
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<RecordAccess>();
        services.AddScoped<Autonomus.Core.ApiKeys.ApiKeyAdministration>();
        services.AddScoped<Autonomus.Core.Tenancy.Users.UserAdministration>();
        services.AddScoped<UserDirectory>();

        services.AddScoped<LeadQueries>();
        services.AddScoped<SaveLead>();
        services.AddScoped<ChangeLeadStatus>();

        services.AddScoped<AccountQueries>();
        services.AddScoped<SaveAccount>();

        services.AddScoped<ContactQueries>();
        services.AddScoped<SaveContact>();

        services.AddScoped<DealQueries>();
        services.AddScoped<SaveDeal>();
        services.AddScoped<MoveDealStage>();

        services.AddScoped<ActivityQueries>();
        services.AddScoped<LogActivity>();
        services.AddScoped<CompleteActivity>();
        services.AddScoped<UpdateActivity>();
        return services;
    }
}
