using Autonomus.Core.Agents;
using Autonomus.Core.Apply;
using Autonomus.Core.Authorization;
using Autonomus.Core.Crm.Accounts;
using Autonomus.Core.Crm.Activities;
using Autonomus.Core.Crm.Contacts;
using Autonomus.Core.Crm.Deals;
using Autonomus.Core.Crm.Leads;
using Autonomus.Core.Crm.Users;
using Autonomus.Core.Dashboards;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools;
using Autonomus.Core.Tools.Actions;
using Autonomus.Core.Tools.Queries;
using Autonomus.Core.Triggers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The domain's use cases. They need an <c>ICrmDbFactory</c> and an <c>ITenantContext</c> from the host.</summary>
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<RecordAccess>();
        services.AddSingleton<Autonomus.Core.Agents.Compliance.Access.DataAccessMeter>();
        services.AddScoped<Autonomus.Core.Agents.Compliance.Access.WatchDataAccess>();
        services.AddScoped<Autonomus.Core.Agents.Compliance.Access.WatchSignIns>();
        services.AddScoped<Autonomus.Core.ApiKeys.ApiKeyAdministration>();
        services.AddScoped<Autonomus.Core.Tenancy.Users.UserAdministration>();
        services.AddScoped<UserDirectory>();

        services.AddScoped<LeadQueries>();
        services.AddScoped<Autonomus.Core.History.RecordHistory>();
        services.AddScoped<Autonomus.Core.History.ChangeFeed>();
        services.AddScoped<Autonomus.Core.History.Restore.RequestRestore>();
        services.AddScoped<Autonomus.Core.Crm.ArchiveRecord>();
        services.AddScoped<Autonomus.Core.Crm.ArchivedRecords>();
        services.AddScoped<Autonomus.Core.History.Batches.UndoBatch>();
        services.AddScoped<Autonomus.Core.History.MaintainPartitions>();
        services.AddScoped<Autonomus.Core.Automations.ManageAutomations>();
        services.AddScoped<Autonomus.Core.Automations.TestAutomation>();
        services.AddScoped<Autonomus.Core.History.Erasure.ErasePersonalData>();
        services.AddScoped<Autonomus.Core.History.Consistency.CheckHistoryConsistency>();
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

        services.AddScoped<PipelineDashboardQueries>();
        services.AddScoped<AutonomyDashboardQueries>();

        AddAutonomy(services);
        return services;
    }

    /// <summary>
    /// With a model configured, suggestions come from the hybrid engine (playbook baseline, model refinement, playbook
    /// fallback); without one, from the playbooks alone.
    /// </summary>
    public static IServiceCollection AddAiSuggestions(this IServiceCollection services, Autonomus.Core.Suggestions.Llm.AiOptions options)
    {
        services.Replace(ServiceDescriptor.Singleton(options));
        if (!options.IsConfigured) return services;
        // Its own HttpClient (not one registered for everybody): the timeout is the model's, and Semantic Kernel turns the
        // OpenAI client's retries off when given one.
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)) };
        services.AddSingleton(sp => new Autonomus.Core.Suggestions.Llm.LlmSuggestionEngine(options, sp.GetRequiredService<ToolCatalogue>(), http));
        services.AddScoped<ISuggestionEngine, Autonomus.Core.Suggestions.Llm.HybridSuggestionEngine>();
        return services;
    }

    private static void AddAutonomy(IServiceCollection services)
    {
        services.AddSingleton<Autonomus.Core.Telemetry.AutonomyMetrics>();
        // Tools, playbooks (and, in Data, detectors) are found in the assembly: an agent's own live in its folder.
        foreach (var tool in AgentCatalogue.Implementations<ITool>(typeof(ITool).Assembly))
            services.AddSingleton(typeof(ITool), tool);
        services.AddSingleton<DealRegressionTriggers>();
        services.AddSingleton<ToolCatalogue>();
        services.AddSingleton<LedgerWriter>();
        services.AddSingleton<TriggerFactsLoader>();
        foreach (var playbook in AgentCatalogue.Implementations<IPlaybook>(typeof(IPlaybook).Assembly))
            services.AddSingleton(typeof(IPlaybook), playbook);
        services.AddSingleton<PlaybookEngine>();
        services.TryAddSingleton(new Autonomus.Core.Suggestions.Llm.AiOptions());
        services.TryAddSingleton<ISuggestionEngine>(sp => sp.GetRequiredService<PlaybookEngine>());

        services.AddScoped<DetectTriggers>();
        services.AddScoped<ProposeSuggestions>();
        services.AddScoped<ExpireSuggestions>();
        services.AddScoped<Autonomus.Core.Alerts.WatchReviewSla>();
        services.AddScoped<Autonomus.Core.Health.TenantHealthQueries>();
        services.AddScoped<SafeApplyEngine>();
        services.AddScoped<ReviewSuggestion>();
        services.AddScoped<BulkReview>();
        services.AddScoped<SuggestionQueries>();
        services.AddScoped<PreviewSuggestion>();
        services.AddScoped<LedgerQueries>();
        services.AddScoped<VerifyLedger>();
        services.AddScoped<ManageKillSwitch>();
        services.AddScoped<Autonomus.Core.Tenancy.ManageOrganisationLocale>();
        services.AddScoped<ManagePolicies>();
        services.AddScoped<Autonomus.Core.Autonomy.RefreshCalibration>();
        services.AddScoped<Autonomus.Core.Autonomy.EarnedAutonomy>();
        services.AddScoped<Autonomus.Core.Autonomy.DecideOffer>();
        services.AddScoped<Autonomus.Core.Autonomy.UndoAutonomousAction>();
        services.AddScoped<Autonomus.Core.Autonomy.PolicyDryRun>();
        services.AddScoped<Autonomus.Core.Autonomy.AutonomyQueries>();
        services.AddScoped<Autonomus.Core.Agents.ManageAgents>();
        services.AddScoped<Autonomus.Core.Agents.ManageAgentSettings>();
        services.AddScoped<Autonomus.Core.Agents.AutomationOptimizer.RecommendAgentChanges>();
        services.AddScoped<Autonomus.Core.Agents.AutomationOptimizer.DecideRecommendation>();
        services.AddScoped<Autonomus.Core.Agents.Prediction.TrainPrediction>();
        services.AddScoped<Autonomus.Core.Agents.Prediction.ScorePrediction>();
        services.AddScoped<Autonomus.Core.Agents.Prediction.PredictionStatus>();
        services.AddScoped<Autonomus.Core.Agents.Prediction.RetrainPrediction>();
        services.TryAddSingleton(new Autonomus.Core.Agents.Communication.Email.SmtpOptions());
        services.AddSingleton<Autonomus.Core.Agents.Communication.Email.SmtpSender>();
        services.AddScoped<Autonomus.Core.Agents.Communication.Email.DeliverOutbox>();
        services.AddScoped<Autonomus.Core.Agents.Communication.Email.OutboxQueries>();
        services.AddScoped<Autonomus.Core.Agents.CustomerRisk.Health.RefreshAccountHealth>();
        services.AddScoped<Autonomus.Core.Agents.CustomerRisk.Health.AccountHealthQueries>();
        services.AddScoped<Autonomus.Core.Agents.AgentQueries>();
        services.AddScoped<Autonomus.Core.Suggestions.Llm.LlmCallQueries>();
    }
}
