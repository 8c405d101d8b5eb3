namespace Mys.Signing.Application.Common;

/// <summary>Why a use case refused a whole request; the front end maps it to an HTTP status or a page message.</summary>
public enum RefusalKind
{
    /// <summary>The request itself is malformed or out of bounds (HTTP 400).</summary>
    Invalid,

    /// <summary>The actor may not do this here (HTTP 403).</summary>
    Forbidden,

    /// <summary>What the request names does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The state changed under the request, or the request was already used (HTTP 409).</summary>
    Conflict,

    /// <summary>The rules refuse it as it stands (HTTP 422).</summary>
    Unprocessable,

    /// <summary>A service we depend on (time-stamp authority, OCSP) is not reachable now (HTTP 503).</summary>
    Unavailable,

    /// <summary>What the request names existed but its time is over, e.g. a signing session (HTTP 410).</summary>
    Expired,

    /// <summary>Too many failed attempts; refused until the lock passes (HTTP 429).</summary>
    Throttled,
}

/// <summary>An expected refusal: its kind, a stable code for logs and tests, and a Turkish message for the user.</summary>
public sealed record Refusal(RefusalKind Kind, string Code, string Message);

/// <summary>Either a use case's value or its <see cref="Refusal"/>.</summary>
public sealed class Outcome<T>
    where T : class
{
    private Outcome(T? value, Refusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }

    public Refusal? Refusal { get; }

    public bool Succeeded => Refusal is null;

    public static implicit operator Outcome<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(null, refusal ?? throw new ArgumentNullException(nameof(refusal)));
}
