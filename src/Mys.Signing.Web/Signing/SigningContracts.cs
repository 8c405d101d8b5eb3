using System.Text.Json.Serialization;

namespace Mys.Signing.Web.Signing;

/// <summary>POST /api/signing/prepare: the certificate the bridge read from the card, and the ÖEBs to sign (1..100).</summary>
public sealed record PrepareRequest(string? Certificate, IReadOnlyList<Guid>? PaymentOrderIds);

/// <summary>One digest to sign, with what the signer should see about it.</summary>
public sealed record PrepareItem(
    Guid PaymentOrderId, string DocumentNumber, string PayeeName, decimal NetAmount, string NetAmountText, string Target, string Digest);

/// <summary>An ÖEB of the request that cannot be signed now, and why (Turkish).</summary>
public sealed record RefusedItem(Guid PaymentOrderId, string Code, string Message);

public sealed record PrepareResponse(
    Guid SessionId, DateTimeOffset ExpiresAt, string DigestAlgorithm, string SignatureAlgorithm, IReadOnlyList<PrepareItem> Items, IReadOnlyList<RefusedItem> Refused);

/// <summary>POST /api/signing/complete: the card's signature values in the order of the prepared items.</summary>
public sealed record CompleteRequest(Guid SessionId, string? Certificate, IReadOnlyList<string>? Signatures);

public sealed record CompleteItem(
    Guid PaymentOrderId,
    bool Ok,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    string Status);

public sealed record CompleteResponse(Guid SessionId, IReadOnlyList<CompleteItem> Items);

/// <summary>A refusal of the whole request: HTTP status, stable code, Turkish detail (written as ProblemDetails).</summary>
public sealed record SigningProblem(int Status, string Code, string Detail)
{
    public IReadOnlyList<RefusedItem>? Refused { get; init; }
}

/// <summary>Either a value or a <see cref="SigningProblem"/>.</summary>
public sealed class SigningOutcome<T>
    where T : class
{
    private SigningOutcome(T? value, SigningProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public SigningProblem? Problem { get; }

    public static implicit operator SigningOutcome<T>(T value) => new(value, null);

    public static implicit operator SigningOutcome<T>(SigningProblem problem) => new(null, problem);

    public static SigningOutcome<T> FromValue(T value) => new(value, null);

    public static SigningOutcome<T> FromProblem(SigningProblem problem) => new(null, problem);
}
