namespace Autonomus.Core.Suggestions;

/// <summary>pending → approved → applied | failed; pending → rejected | expired | superseded.</summary>
public enum SuggestionStatus
{
    Pending,
    Approved,
    Applied,
    Failed,
    Rejected,
    Expired,
    Superseded,
}

public enum SuggestionPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
}
