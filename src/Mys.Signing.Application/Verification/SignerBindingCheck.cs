using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// Who should have signed a field against who did: the ÖEB's signature record for the field names a user, and the
/// certificate in the field must carry that user's T.C. kimlik no. A field the ÖEB records no signature for, a recorded
/// signer the users table does not know and a certificate without a T.C. kimlik no never bind.
/// </summary>
internal static class SignerBindingCheck
{
    /// <param name="field">The signature field (<see cref="SignerFields"/>).</param>
    /// <param name="record">The ÖEB's record of the field's signature; null when none was recorded.</param>
    /// <param name="recorded">The user <paramref name="record"/> names; null when unknown.</param>
    /// <param name="found">The validator's report of the signature in the field.</param>
    public static string? Problem(string field, SignatureRecord? record, RecordedSigner? recorded, SignatureReport found)
    {
        var role = SignerFields.RoleTitle(field);
        if (record is null)
        {
            return field == SignerFields.AccountingOfficer
                ? $"{role} alanında {found.SignerName ?? "bilinmeyen biri"} imzası var, ancak ÖEB muhasebe yetkilisince imzalanarak kayda alınmadı."
                : $"ÖEB'de {role} imzası kayıtlı değil.";
        }

        return recorded is null || string.IsNullOrEmpty(recorded.Tckn) || !string.Equals(recorded.Tckn, found.Tckn, StringComparison.Ordinal)
            ? $"{role} alanını imzalayan kişi ÖEB'de kayıtlı {role} değil."
            : null;
    }
}
