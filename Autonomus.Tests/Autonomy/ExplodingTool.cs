using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Crm;
using Autonomus.Core.Tools;

namespace Autonomus.Tests.Autonomy;

public sealed record ExplodingPayload
{
    [Required]
    public Guid LeadId { get; init; }
}

/// <summary>
/// A tool that breaks half-way: it tags the lead and adds a note, then throws, either while running (before any
/// save) or in its in-transaction work, after that work has really written to the lead inside the transaction.
/// </summary>
public sealed class ExplodingTool(bool afterSave) : MutationTool<ExplodingPayload>
{
    public const string WhileRunning = "explode_while_running";
    public const string AfterSave = "explode_after_save";
    public const string Tag = "half-done";

    public override string Name => afterSave ? AfterSave : WhileRunning;
    public override string Description => "Fails on purpose.";
    public override string Permission => ToolPermissions.WriteRecords;
    public override ToolRisk Risk => ToolRisk.Low;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, ExplodingPayload p, CancellationToken ct)
    {
        var lead = await TargetRecords.LoadForChangeAsync<Lead>(c, p.LeadId, ct);
        ToolPlan? plan = null;
        plan = new ToolPlan(Name, lead, RecordType.Lead, lead.FullName, "Break half-way", () =>
        {
            lead.AddTag(Tag);
            c.Db.Activities.Add(new Activity(ActivityType.Note, "Half-done", "Written before the failure.", RecordType.Lead, lead.Id, null, null, c.Now)
                { TenantId = lead.TenantId });
            if (!afterSave) throw new InvalidOperationException("The tool broke half-way.");
            plan!.RunInTransaction(async (db, token) =>
            {
                // A real write inside the apply's transaction first, so the rollback has something to undo.
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE leads SET score = 99 WHERE id = {lead.Id}", token);
                throw new InvalidOperationException("The after-save work broke.");
            });
            return null;
        });
        return plan;
    }
}
