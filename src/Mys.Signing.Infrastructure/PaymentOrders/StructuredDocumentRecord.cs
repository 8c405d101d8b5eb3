using System.Security.Cryptography;

namespace Mys.Signing.Infrastructure.PaymentOrders;

/// <summary>
/// A structured document produced in the system (HTOB, VİF), stored as its canonical JSON bytes exactly as the
/// domain wrote them (so they can be hashed and signed) with their SHA-256. ÖEBs link to it by <see cref="Id"/>
/// (the attachment's StructuredDocumentId). Never updated: a correction is a new document.
/// </summary>
public sealed class StructuredDocumentRecord
{
    public Guid Id { get; init; }

    /// <summary>"HTOB" or "VIF".</summary>
    public required string Type { get; init; }

    public int SchemaVersion { get; init; }

    public Guid SpendingUnitId { get; init; }

    public required string Number { get; init; }

    public DateOnly Date { get; init; }

    public required byte[] CanonicalJson { get; init; }

    public required string Sha256 { get; init; }

    public Guid CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public static StructuredDocumentRecord Of(
        Guid id, string type, int schemaVersion, Guid spendingUnitId, string number, DateOnly date, byte[] canonicalJson, Guid createdBy, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(canonicalJson);
        return new StructuredDocumentRecord
        {
            Id = id,
            Type = type,
            SchemaVersion = schemaVersion,
            SpendingUnitId = spendingUnitId,
            Number = number,
            Date = date,
            CanonicalJson = canonicalJson,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(canonicalJson)),
            CreatedBy = createdBy,
            CreatedAt = createdAt,
        };
    }
}
