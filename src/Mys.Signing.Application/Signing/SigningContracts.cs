using System.Text.Json.Serialization;
using Mys.Signing.Application.Common;

namespace Mys.Signing.Application.Signing;

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

/// <summary>
/// What prepare answers: the session to sign, or the refusal of the whole request; when the refusal is that no ÖEB
/// could be prepared, <see cref="Refused"/> gives each ÖEB's reason.
/// </summary>
public sealed record PrepareOutcome(PrepareResponse? Prepared, Refusal? Refusal)
{
    public IReadOnlyList<RefusedItem>? Refused { get; init; }

    public static implicit operator PrepareOutcome(PrepareResponse prepared) => new(prepared ?? throw new ArgumentNullException(nameof(prepared)), null);

    public static implicit operator PrepareOutcome(Refusal refusal) => new(null, refusal ?? throw new ArgumentNullException(nameof(refusal)));
}
