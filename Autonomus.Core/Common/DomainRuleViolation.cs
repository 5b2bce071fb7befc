namespace Autonomus.Core.Common;

/// <summary>
/// A state change the domain refuses (moving a closed deal, completing a completed activity).
/// The message is written for the person who attempted it; nothing has been changed when it is thrown.
/// </summary>
public sealed class DomainRuleViolation(string message) : Exception(message);
