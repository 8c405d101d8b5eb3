using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// R5, the order of signers: the PAdES signatures must be, in this order, the realization officer's, the spending
/// authority's and (when the ÖEB was accepted with it) the accounting officer's; nothing may follow them.
/// </summary>
internal static class SignerOrderCheck
{
    /// <summary>The fields in the order they must be signed.</summary>
    public static IReadOnlyList<string> Fields { get; } = [SignerFields.RealizationOfficer, SignerFields.SpendingAuthority, SignerFields.AccountingOfficer];

    /// <summary>Null when the signature at <paramref name="position"/> (0-based) is in the field expected there.</summary>
    public static string? Problem(int position, string expectedField, string? foundField) =>
        string.Equals(foundField, expectedField, StringComparison.Ordinal)
            ? null
            : $"İmza sırası yanlış: {position + 1}. imza {SignerFields.RoleTitle(expectedField)} imzası olmalı, belgede {SignerFields.RoleTitle(foundField) ?? foundField} alanında.";

    /// <summary>The signature expected at a position the document has none for.</summary>
    public static string Missing(string expectedField) => $"{SignerFields.RoleTitle(expectedField)} imzası belgede yok.";

    /// <summary>Signatures after the expected ones.</summary>
    public static IEnumerable<string> Unexpected(IEnumerable<string?> extraFields) => extraFields.Select(f => $"Belgede beklenmeyen imza: {f}.");
}
