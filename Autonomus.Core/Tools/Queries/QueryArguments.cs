using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools.Queries;

public sealed record RecordArguments
{
    [Required, Description("Lead, Deal, Contact, Account or Activity.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The record's id.")]
    public Guid RecordId { get; init; }
}

public sealed record ActivityHistoryArguments
{
    [Required, Description("Lead, Deal, Contact or Account.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The record's id.")]
    public Guid RecordId { get; init; }
    [Range(1, 50), Description("How many of the latest activities, 1–50 (default 10).")]
    public int Limit { get; init; } = 10;
}

public sealed record SearchArguments
{
    [Required, Description("Lead, Deal, Contact or Account.")]
    public RecordType RecordType { get; init; }
    [Required, StringLength(100, MinimumLength = 2), Description("Words to look for in names, companies or subjects.")]
    public string Query { get; init; } = "";
    [Range(1, 20), Description("How many results, 1–20 (default 5).")]
    public int Limit { get; init; } = 5;
}
