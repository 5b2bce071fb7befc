namespace Autonomus.Core.Crm;

public enum ActivityType
{
    Call,
    Email,
    Meeting,
    Task,
    Note,
}
