namespace Autonomus.Core.Crm;

/// <summary>A record whose "last activity" moves forward when something is done about it.</summary>
public interface ITouchable
{
    void TouchActivity(DateTimeOffset at);
}
