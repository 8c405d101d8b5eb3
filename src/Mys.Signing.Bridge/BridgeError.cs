namespace Mys.Signing.Bridge;

/// <summary>An expected failure, shown to the user: stable code, Turkish message and next step.</summary>
public sealed record BridgeError(string Code, string Message, string NextStep, int HttpStatus, int? TriesRemaining = null);

/// <summary>Success with a value, or a <see cref="BridgeError"/>.</summary>
public sealed class BridgeResult<T>
{
    private readonly T? _value;

    private BridgeResult(T? value, BridgeError? error)
    {
        _value = value;
        Error = error;
    }

    public BridgeError? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error?.Code}");

    public static BridgeResult<T> Success(T value) => new(value, null);

    public static BridgeResult<T> Failure(BridgeError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

#pragma warning disable CA2225 // the named factories above are the alternates
    public static implicit operator BridgeResult<T>(BridgeError error) => Failure(error);
#pragma warning restore CA2225
}
