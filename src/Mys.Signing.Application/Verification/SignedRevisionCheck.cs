using System.Security.Cryptography;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// Each signature must produce exactly the revision the domain recorded for it: the SHA-256 of the bytes up to the end of
/// the signature's byte range equals the record's reference. A record without a reference never matches.
/// </summary>
internal static class SignedRevisionCheck
{
    public static string? Problem(string field, byte[] pdf, long signedEnd, string? recordedReference)
    {
        var revision = Convert.ToHexStringLower(SHA256.HashData(pdf.AsSpan(0, (int)Math.Clamp(signedEnd, 0, pdf.Length))));
        return !string.IsNullOrWhiteSpace(recordedReference) && string.Equals(revision, recordedReference, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{SignerFields.RoleTitle(field)} imzasının imzaladığı sürüm ÖEB'de kayıtlı sürümle aynı değil.";
    }
}
