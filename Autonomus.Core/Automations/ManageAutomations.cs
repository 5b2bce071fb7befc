using System.Text.Json.Nodes;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Microsoft.EntityFrameworkCore;
using NJsonSchema;

namespace Autonomus.Core.Automations;

public sealed record AutomationSummary(Guid Id, string Name, AutomationState State, int? PublishedVersion, int? DraftVersion, int LatestVersion, DateTimeOffset UpdatedAt);

public sealed record AutomationVersionInfo(int Number, VersionStatus Status, DateTimeOffset CreatedAt, Guid? CreatedBy, string? Note);

/// <summary>An automation with the document people work on (the draft if there is one, else the published version).</summary>
public sealed record AutomationDetail(AutomationSummary Automation, int ShownVersion, AutomationDocument Document, IReadOnlyList<AutomationVersionInfo> Versions);

/// <summary>One difference between two versions' documents: where (a JSON path), what it was, what it became.</summary>
public sealed record DocumentChange(string Path, JsonNode? Before, JsonNode? After);

/// <summary>
/// Automations as versioned documents, an Admin's to manage: create (a first draft), save (a new draft; the draft before it
/// is archived), publish (the draft runs; the version before it is archived), disable, read any version, compare two,
/// restore one as the draft, export and import (a document is the file). Every document is checked by its schema and by
/// <see cref="AutomationValidation"/> before anything is saved; publishing and disabling are ledger entries.
/// </summary>
public sealed class ManageAutomations(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext actor, ToolCatalogue tools, LedgerWriter ledger, TimeProvider clock)
{
    public const int NoteMaxLength = 200;
    private static readonly Lazy<JsonSchema> Schema = new(ToolPayloads.SchemaFor<AutomationDocument>);

    /// <summary>The published JSON schema of a document.</summary>
    public static string SchemaJson => Schema.Value.ToJson();

    /// <summary>Reads and checks a document (schema, then meaning); every problem names its JSON path; nothing is saved.</summary>
    public AutomationDocument Read(string json)
    {
        var doc = ToolPayloads.Read<AutomationDocument>(Schema.Value, json);
        var errors = AutomationValidation.Validate(doc, tools);
        if (errors.Count > 0) throw new InputInvalid(errors);
        return doc;
    }

    /// <summary>A document as people read and keep it (indented; "&gt;" and accents as written, not escaped).</summary>
    public static string Write(AutomationDocument doc) => System.Text.Json.JsonSerializer.Serialize(doc, FileJson);

    private static readonly System.Text.Json.JsonSerializerOptions FileJson = new(ToolPayloads.Json)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<IReadOnlyList<AutomationSummary>> ListAsync(CancellationToken ct = default)
    {
        EnsureAdmin();
        await using var db = await dbFactory.OpenAsync(ct);
        var automations = await db.Automations.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        var versions = await db.AutomationVersions.AsNoTracking().GroupBy(v => v.AutomationId)
            .Select(g => new { Id = g.Key, Latest = g.Max(v => v.Number), Draft = g.Where(v => v.Status == VersionStatus.Draft).Max(v => (int?)v.Number) })
            .ToDictionaryAsync(v => v.Id, ct);
        return automations.Select(a => Summary(a, versions[a.Id].Draft, versions[a.Id].Latest)).ToList();
    }

    public async Task<AutomationDetail> GetAsync(Guid id, int? version = null, CancellationToken ct = default)
    {
        EnsureAdmin();
        await using var db = await dbFactory.OpenAsync(ct);
        var automation = await db.Automations.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new RecordNotFound("Automation", id);
        var versions = await db.AutomationVersions.AsNoTracking().Where(v => v.AutomationId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        var draft = versions.FirstOrDefault(v => v.Status == VersionStatus.Draft);
        var shown = version is { } n
            ? versions.FirstOrDefault(v => v.Number == n) ?? throw new RecordNotFound("Automation version", id, $"This automation has no version {n}.")
            : draft ?? versions.First(v => v.Status == VersionStatus.Published);
        return new AutomationDetail(Summary(automation, draft?.Number, versions[0].Number), shown.Number, Parse(shown.Document),
            versions.Select(v => new AutomationVersionInfo(v.Number, v.Status, v.CreatedAt, v.CreatedBy, v.Note)).ToList());
    }

    /// <summary>A new automation from a document (typed, or an exported file): its first draft, disabled until published.</summary>
    public async Task<Guid> CreateAsync(string json, CancellationToken ct = default)
    {
        EnsureAdmin();
        var doc = Read(json);
        var tenantId = actor.TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
        await using var db = await dbFactory.OpenAsync(ct);
        var now = clock.GetUtcNow();
        var automation = new Automation(tenantId, doc.Name.Trim(), now);
        db.Automations.Add(automation);
        db.AutomationVersions.Add(new AutomationVersion(tenantId, automation.Id, 1, Write(doc), actor.UserId, "created", now));
        await SaveAsync(db, ct);
        return automation.Id;
    }

    /// <summary>Saves a document as the new draft (the previous draft, if any, is kept, archived); returns its version.</summary>
    public Task<int> SaveDraftAsync(Guid id, string json, string? note = null, CancellationToken ct = default)
    {
        EnsureAdmin();
        var doc = Read(json);
        if (note?.Trim().Length > NoteMaxLength) throw InputInvalid.For("note", $"At most {NoteMaxLength} characters.");
        return NewDraftAsync(id, doc, Text.Blank(note), ct);
    }

    /// <summary>An earlier version becomes the new draft (its document copied; nothing else changes until it is published).</summary>
    public async Task<int> RestoreAsDraftAsync(Guid id, int version, CancellationToken ct = default)
    {
        var detail = await GetAsync(id, version, ct);
        return await NewDraftAsync(id, detail.Document, $"restored from version {version}", ct);
    }

    private async Task<int> NewDraftAsync(Guid id, AutomationDocument doc, string? note, CancellationToken ct)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var automation = await db.Automations.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new RecordNotFound("Automation", id);
        var versions = await db.AutomationVersions.Where(v => v.AutomationId == id).ToListAsync(ct);
        foreach (var draft in versions.Where(v => v.Status == VersionStatus.Draft)) draft.Status = VersionStatus.Archived;
        // Saved first: at most one draft at a time (a unique index), so the old one steps aside before the new one comes.
        await SaveAsync(db, ct);
        var number = versions.Max(v => v.Number) + 1;
        var now = clock.GetUtcNow();
        db.AutomationVersions.Add(new AutomationVersion(automation.TenantId, id, number, Write(doc), actor.UserId, note, now));
        (automation.UpdatedAt, automation.Version) = (now, automation.Version + 1);
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return number;
    }

    /// <summary>The draft (or the version named) becomes the one that runs; the automation is enabled.</summary>
    public async Task<int> PublishAsync(Guid id, int? version = null, CancellationToken ct = default)
    {
        // What runs on its own is decided by a person: an Admin signed in, never a key.
        access.EnsureAdminInPerson("Publishing an automation is for an Admin, signed in.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var automation = await db.Automations.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new RecordNotFound("Automation", id);
        var versions = await db.AutomationVersions.Where(v => v.AutomationId == id).ToListAsync(ct);
        var chosen = version is { } n
            ? versions.FirstOrDefault(v => v.Number == n) ?? throw new RecordNotFound("Automation version", id, $"This automation has no version {n}.")
            : versions.FirstOrDefault(v => v.Status == VersionStatus.Draft) ?? throw new DomainRuleViolation("There is no draft to publish: save one first.");
        if (chosen.Status == VersionStatus.Published && automation.State == AutomationState.Enabled)
            throw new DomainRuleViolation($"Version {chosen.Number} is already published and running.");
        // A version published once is checked again: tools and agents may have changed since it was written.
        var doc = Read(chosen.Document);
        foreach (var v in versions.Where(v => v.Status == VersionStatus.Published && v != chosen)) v.Status = VersionStatus.Archived;
        await SaveAsync(db, ct);
        chosen.Status = VersionStatus.Published;
        (automation.PublishedVersion, automation.State, automation.Name, automation.UpdatedAt, automation.Version) =
            (chosen.Number, AutomationState.Enabled, doc.Name.Trim(), clock.GetUtcNow(), automation.Version + 1);
        await SaveAsync(db, ct);
        await RecordAsync(db, automation, LedgerKinds.AutomationPublished, new { version = chosen.Number, name = automation.Name }, ct);
        await tx.CommitAsync(ct);
        return chosen.Number;
    }

    /// <summary>Stops the automation from running (its versions stay; publishing again enables it).</summary>
    public async Task DisableAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        access.EnsureAdminInPerson("Disabling an automation is for an Admin, signed in.");
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var automation = await db.Automations.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new RecordNotFound("Automation", id);
        if (automation.State == AutomationState.Disabled) throw new DomainRuleViolation("This automation is already disabled.");
        (automation.State, automation.UpdatedAt, automation.Version) = (AutomationState.Disabled, clock.GetUtcNow(), automation.Version + 1);
        await SaveAsync(db, ct);
        await RecordAsync(db, automation, LedgerKinds.AutomationDisabled, new { version = automation.PublishedVersion, reason = Text.Blank(reason) }, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>What changed from version <paramref name="from"/> to <paramref name="to"/>, field by field (JSON paths).</summary>
    public async Task<IReadOnlyList<DocumentChange>> DiffAsync(Guid id, int from, int to, CancellationToken ct = default)
    {
        var (a, b) = ((await GetAsync(id, from, ct)).Document, (await GetAsync(id, to, ct)).Document);
        var changes = new List<DocumentChange>();
        Compare("$", JsonNode.Parse(Write(a)), JsonNode.Parse(Write(b)), changes);
        return changes;
    }

    private static void Compare(string path, JsonNode? a, JsonNode? b, List<DocumentChange> changes)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)).Order(StringComparer.Ordinal))
                    Compare($"{path}.{key}", x[key], y[key], changes);
                break;
            case (JsonArray x, JsonArray y):
                for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
                    Compare($"{path}[{i}]", i < x.Count ? x[i] : null, i < y.Count ? y[i] : null, changes);
                break;
            default:
                if (!JsonNode.DeepEquals(a, b)) changes.Add(new DocumentChange(path, a?.DeepClone(), b?.DeepClone()));
                break;
        }
    }

    private static AutomationDocument Parse(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<AutomationDocument>(json, ToolPayloads.Json) ?? new AutomationDocument();

    private static AutomationSummary Summary(Automation a, int? draft, int latest) => new(a.Id, a.Name, a.State, a.PublishedVersion, draft, latest, a.UpdatedAt);

    private async Task SaveAsync(ICrmDb db, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (Exception e) when (e is DbUpdateException or StaleRecord) { throw new DomainRuleViolation("Another change to this automation was saved at the same time: reload and try again."); }
    }

    private async Task RecordAsync(ICrmDb db, Automation automation, string kind, object data, CancellationToken ct)
    {
        var who = await LedgerActor.OfAsync(db, actor, "automations", ct);
        await ledger.AppendAsync(db, automation.TenantId, [new LedgerDraft(kind, who.Type, who.Id, who.Name, "automation", automation.Id, Guid.CreateVersion7(), CanonicalJson.Serialize(data))], ct);
        await db.SaveChangesAsync(ct);
    }

    private void EnsureAdmin()
    {
        access.EnsureAdmin("Automations are managed by Admins.");
    }
}
