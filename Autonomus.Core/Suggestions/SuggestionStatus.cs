namespace Autonomus.Core.Suggestions;

/// <summary>pending → approved → applied | failed; pending → rejected | expired | superseded; applied by a policy → undone.</summary>
public enum SuggestionStatus
{
    Pending,
    Approved,
    Applied,
    Failed,
    Rejected,
    Expired,
    Superseded,
    Undone,
}

public enum SuggestionPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
}
