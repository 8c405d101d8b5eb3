namespace Mys.Signing.Domain.Common;

/// <summary>Outcome of an operation whose failure is expected (bad input, a broken rule).</summary>
public sealed class Result
{
    private static readonly Result SuccessInstance = new(null);

    private Result(DomainError? error) => Error = error;

    public DomainError? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result Success() => SuccessInstance;

    public static Result Failure(DomainError error) => new(error ?? throw new ArgumentNullException(nameof(error)));

    public static Result Failure(string code, string message) => new(new DomainError(code, message));
}

/// <summary>Outcome carrying a value on success.</summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, DomainError? error)
    {
        _value = value;
        Error = error;
    }

    public DomainError? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error}");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(DomainError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static Result<T> Failure(string code, string message) => new(default, new DomainError(code, message));
}
