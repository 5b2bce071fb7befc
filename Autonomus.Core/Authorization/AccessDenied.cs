namespace Autonomus.Core.Authorization;

/// <summary>The signed-in user may not do this (role, team or limit). Nothing was written.</summary>
public sealed class AccessDenied(string message) : Exception(message);
