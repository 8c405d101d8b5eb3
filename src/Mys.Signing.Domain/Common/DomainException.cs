namespace Mys.Signing.Domain.Common;

/// <summary>
/// Thrown when code asks the domain for something that must never happen (an illegal state transition,
/// an invariant broken by a caller that should have validated first). Expected failures use <see cref="Result"/>.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message)
        : base(message) => Code = code;

    public DomainException()
        : this("DOMAIN", "Alan kuralı ihlali.")
    {
    }

    public DomainException(string message)
        : this("DOMAIN", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException) => Code = "DOMAIN";

    public string Code { get; }
}
