using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Authorization;

/// <summary>
/// Who may see and change which CRM records (RBAC plus attribute rules), decided on the server for every
/// query and command:
/// Admins and Auditors see the whole tenant; a SalesManager sees records owned by their team (and
/// unassigned ones); a SalesRep sees their own. Auditors change nothing; managers change only what they
/// see; reps only their own records.
/// </summary>
public sealed class RecordAccess(ITenantContext actor, Agents.Compliance.Access.DataAccessMeter? meter = null)
{
    /// <summary>
    /// Counts records shown to the person or API key asking (lists, record pages, the API: what Compliance &amp; Security
    /// compares with their baseline). The organisation's own machinery is not counted.
    /// </summary>
    public void Shown(int records)
    {
        if (meter is null || actor.TenantId is not { } tenant) return;
        if (actor.UserId is { } user) meter.Add(tenant, "user", user, records);
        else if (actor.ApiKeyId is { } key) meter.Add(tenant, "api_key", key, records);
    }

    /// <summary>The page, its rows counted as <see cref="Shown"/>.</summary>
    public Page<T> ShownPage<T>(Page<T> page)
    {
        Shown(page.Items.Count);
        return page;
    }

    /// <summary>The record (or null), counted as <see cref="Shown"/> when there is one.</summary>
    public T? ShownRecord<T>(T? record) where T : class
    {
        if (record is not null) Shown(1);
        return record;
    }

    /// <summary>The tenant's own machinery (jobs, seeding): no person and no API key.</summary>
    public bool IsSystem => actor.UserId is null && actor.ApiKeyId is null;
    public bool IsAdmin => actor.Roles.Contains(Roles.Admin);
    public bool IsAuditor => actor.Roles.Contains(Roles.Auditor) && !IsAdmin;
    private bool IsManager => actor.Roles.Contains(Roles.SalesManager);
    private bool IsRep => actor.Roles.Contains(Roles.SalesRep);

    /// <summary>Who may approve, reject or apply suggestions: sales managers (within their team) and Admins.</summary>
    public bool CanReview => IsAdmin || IsManager;

    /// <summary>Admins, Auditors and the system see every record of the tenant.</summary>
    public bool SeesWholeTenant => IsSystem || IsAdmin || actor.Roles.Contains(Roles.Auditor);

    /// <summary>
    /// Decisions that change how the organisation's autonomy runs (policies, offers, agents' pauses and settings,
    /// recommendations) are an Admin's, signed in as a person: never an API key, never the system.
    /// </summary>
    /// <summary>Refuses anyone but an Admin (a person or an Admin's key), with <paramref name="refusal"/> as the reason.</summary>
    public void EnsureAdmin(string refusal)
    {
        if (!IsAdmin) throw new AccessDenied(refusal);
    }

    public void EnsureAdminInPerson(string refusal)
    {
        if (!IsAdmin || actor.UserId is null) throw new AccessDenied(refusal);
    }

    public void EnsureCanReview()
    {
        if (!CanReview) throw new AccessDenied("Only sales managers and Admins review suggestions.");
    }

    /// <summary>Refuses a tool whose permission this principal's roles do not grant (the system, a job, is not limited by roles).</summary>
    public void EnsureMayRun(Tools.ITool tool)
    {
        if (IsSystem) return;
        if (!Tools.ToolPermissions.Grants(actor.Roles, tool.Permission))
            throw new AccessDenied($"Your role does not grant '{tool.Permission}', which {tool.Name} needs.");
    }

    /// <summary>Who sees the tenant's dashboards (aggregates only): Admins, sales managers and Auditors, not reps.</summary>
    public bool CanSeeDashboards => IsSystem || IsAdmin || IsManager || actor.Roles.Contains(Roles.Auditor);

    public void EnsureCanSeeDashboards()
    {
        if (!CanSeeDashboards) throw new AccessDenied("Dashboards are for Admins, sales managers and Auditors.");
    }

    /// <summary>Auditors read personal data masked.</summary>
    public bool MasksPersonalData => IsAuditor;

    /// <summary>Narrows a query to the records this user may see; one SQL predicate, never a loop.</summary>
    public IQueryable<T> Visible<T>(ICrmDb db, IQueryable<T> records) where T : CrmRecord
    {
        if (IsSystem || IsAdmin || actor.Roles.Contains(Roles.Auditor)) return records;
        if (IsManager)
        {
            var team = TeamMembers(db);
            return records.Where(r => r.OwnerId == null || team.Contains(r.OwnerId));
        }
        if (IsRep)
        {
            var me = actor.UserId;
            return records.Where(r => r.OwnerId == me);
        }
        return records.Where(_ => false);
    }

    /// <summary>Refuses a change to <paramref name="record"/> that this user may not make.</summary>
    public async Task EnsureCanChangeAsync(ICrmDb db, CrmRecord record, CancellationToken ct)
    {
        EnsureCanWrite();
        if (IsSystem || IsAdmin) return;
        if (!await Visible(db, Set(db, record)).AnyAsync(r => r.Id == record.Id, ct))
            throw new AccessDenied(IsRep
                ? "You can change only records you own."
                : "You can change only records owned by your team.");
    }

    /// <summary>Refuses a stage change on a deal above the tenant's approval limit unless the user is an Admin.</summary>
    public async Task EnsureCanMoveStageAsync(ICrmDb db, Deal deal, CancellationToken ct)
    {
        if (IsSystem || IsAdmin) return;
        var limit = await db.Tenants.Where(t => t.Id == deal.TenantId).Select(t => t.DealStageApprovalLimit).SingleAsync(ct);
        if (limit is { } max && deal.Amount > max)
            throw new AccessDenied($"Deals above {max:N0} {deal.Currency} need an Admin to change stage.");
    }

    /// <summary>
    /// Refuses, unless the user is an Admin, an amount change on a deal that is above the tenant's approval limit or would
    /// go above it. Otherwise the stage limit could be escaped: lower the amount under the limit, move the stage, raise it
    /// again. Holds on every path that changes an amount (console, API, tools), since all of them call it.
    /// </summary>
    public async Task EnsureCanChangeAmountAsync(ICrmDb db, Deal deal, decimal newAmount, CancellationToken ct)
    {
        if (IsSystem || IsAdmin || newAmount == deal.Amount) return;
        var limit = await db.Tenants.Where(t => t.Id == deal.TenantId).Select(t => t.DealStageApprovalLimit).SingleAsync(ct);
        if (limit is { } max && (deal.Amount > max || newAmount > max))
            throw new AccessDenied($"Amounts above {max:N0} {deal.Currency} are set by an Admin: this change crosses the approval limit.");
    }

    /// <summary>Refuses linking a record to an account this user cannot see (another team's, or another tenant's).</summary>
    public async Task EnsureCanLinkToAccountAsync(ICrmDb db, Guid accountId, string field, CancellationToken ct)
    {
        if (!await Visible(db, db.Accounts).AnyAsync(a => a.Id == accountId, ct))
            throw InputInvalid.For(field, "Choose an account you can see.");
    }

    /// <summary>The owner a new record gets: the one asked for, or the rep themself (reps own what they create).</summary>
    public Guid? OwnerFor(Guid? requested) => requested ?? (IsRep && !IsManager && !IsAdmin ? actor.UserId : null);

    /// <summary>Whether the record a timeline or an activity hangs on is visible to this user.</summary>
    public Task<bool> CanSeeAsync(ICrmDb db, RecordType type, Guid id, CancellationToken ct) => VisibleRecord(db, type, id).AnyAsync(ct);

    /// <summary>The record's id if this user may see it (nothing otherwise), as a query to compose into another one.</summary>
    public IQueryable<Guid> VisibleRecord(ICrmDb db, RecordType type, Guid id) => type switch
    {
        RecordType.Lead => Visible(db, db.Leads).Where(r => r.Id == id).Select(r => r.Id),
        RecordType.Deal => Visible(db, db.Deals).Where(r => r.Id == id).Select(r => r.Id),
        RecordType.Account => Visible(db, db.Accounts).Where(r => r.Id == id).Select(r => r.Id),
        RecordType.Contact => Visible(db, db.Contacts).Where(r => r.Id == id).Select(r => r.Id),
        RecordType.Activity => Visible(db, db.Activities).Where(r => r.Id == id).Select(r => r.Id),
        _ => Enumerable.Empty<Guid>().AsQueryable(),
    };

    /// <summary>Refuses an owner this user may not assign: reps assign to themselves, managers within their team.</summary>
    public async Task EnsureCanAssignAsync(ICrmDb db, Guid? ownerId, CancellationToken ct)
    {
        EnsureCanWrite();
        if (ownerId is not { } owner)
        {
            if (IsRep && !IsManager && !IsAdmin) throw InputInvalid.For("OwnerId", "Assign the record to yourself.");
            return;
        }
        if (!await db.Users.AnyAsync(u => u.Id == owner && u.TenantId == actor.TenantId, ct))
            throw InputInvalid.For("OwnerId", "Choose an owner from your organisation.");
        if (!await AssignableOwners(db).AnyAsync(u => u.Id == owner, ct))
            throw InputInvalid.For("OwnerId", IsManager ? "Choose an owner from your team." : "Assign the record to yourself.");
    }

    /// <summary>
    /// The users this user may make owners of a record: anyone in the tenant for Admins (and the system),
    /// the team for managers, themselves for everyone else. Owner pickers offer exactly these.
    /// </summary>
    public IQueryable<AppUser> AssignableOwners(ICrmDb db)
    {
        var (tenant, me) = (actor.TenantId, actor.UserId);
        var users = db.Users.Where(u => u.TenantId == tenant);
        if (IsSystem || IsAdmin) return users;
        if (IsManager)
        {
            var team = TeamMembers(db);
            return users.Where(u => team.Contains(u.Id));
        }
        return users.Where(u => u.Id == me);
    }

    /// <summary>Whether this user's role changes records at all (an Auditor's does not).</summary>
    public bool CanWrite => IsSystem || IsAdmin || IsManager || IsRep;

    public void EnsureCanWrite()
    {
        if (CanWrite) return;
        throw new AccessDenied("Your role can view records but not change them.");
    }

    private IQueryable<Guid?> TeamMembers(ICrmDb db)
    {
        var (tenant, team, me) = (actor.TenantId, actor.Team, actor.UserId);
        return db.Users.Where(u => u.TenantId == tenant && ((team != "" && u.Team == team) || u.Id == me)).Select(u => (Guid?)u.Id);
    }

    /// <summary>The record's table, archived rows included: who may change a record does not depend on it being in the lists.</summary>
    private static IQueryable<CrmRecord> Set(ICrmDb db, CrmRecord record) => record switch
    {
        Lead => ArchivedRecords.IncludingArchived(db.Leads),
        Deal => ArchivedRecords.IncludingArchived(db.Deals),
        Account => ArchivedRecords.IncludingArchived(db.Accounts),
        Contact => ArchivedRecords.IncludingArchived(db.Contacts),
        Activity => ArchivedRecords.IncludingArchived(db.Activities),
        _ => throw new ArgumentException($"Unknown record type {record.GetType().Name}"),
    };
}
