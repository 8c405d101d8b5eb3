namespace Mys.Signing.Domain.Common;

/// <summary>An expected failure: a stable code for logs and tests, a Turkish message for the user.</summary>
public sealed record DomainError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
