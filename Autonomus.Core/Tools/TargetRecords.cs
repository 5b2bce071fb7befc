using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Tools;

/// <summary>Loads the record an action targets, within the tenant, and checks that the actor may change it.</summary>
public static class TargetRecords
{
    public static async Task<CrmRecord> LoadForChangeAsync(ToolContext c, RecordType type, Guid id, CancellationToken ct)
    {
        var record = await RecordLookup.FindAsync(c.Db, type, id, ct) ?? throw new RecordNotFound(type.ToString(), id);
        await c.Access.EnsureCanChangeAsync(c.Db, record, ct);
        return record;
    }

    public static async Task<T> LoadForChangeAsync<T>(ToolContext c, Guid id, CancellationToken ct) where T : CrmRecord =>
        (T)await LoadForChangeAsync(c, TypeOf<T>(), id, ct);

    public static RecordType TypeOf<T>() where T : CrmRecord => typeof(T).Name switch
    {
        nameof(Lead) => RecordType.Lead,
        nameof(Deal) => RecordType.Deal,
        nameof(Account) => RecordType.Account,
        nameof(Contact) => RecordType.Contact,
        nameof(Activity) => RecordType.Activity,
        _ => throw new ArgumentException(typeof(T).Name),
    };

    public static RecordType TypeOf(CrmRecord record) => record switch
    {
        Lead => RecordType.Lead,
        Deal => RecordType.Deal,
        Account => RecordType.Account,
        Contact => RecordType.Contact,
        Activity => RecordType.Activity,
        _ => throw new ArgumentException(record.GetType().Name),
    };

    public static string LabelOf(CrmRecord record) => record switch
    {
        Lead l => l.Company is { Length: > 0 } company ? $"{l.FullName} ({company})" : l.FullName,
        Deal d => d.Name,
        Account a => a.Name,
        Contact c => c.FullName,
        Activity a => a.Subject,
        _ => record.Id.ToString(),
    };
}
