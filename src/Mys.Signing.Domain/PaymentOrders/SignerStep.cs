using Mys.Signing.Domain.Access;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// One e-signature of an ÖEB: who signs (role), in which signature field of the form, the signed document's stage it
/// must find and the one it leaves, the reason written into the signature and how a refusal names the awaited signer.
/// The realization officer signs first, then the spending authority; the accounting officer signs last, on acceptance.
/// </summary>
public sealed record SignerStep(Role Role, string Field, SignedDocumentStage Before, SignedDocumentStage After, string Reason, string WaitingFor)
{
    /// <summary>The first signature (field GerceklestirmeGorevlisi).</summary>
    public static readonly SignerStep Realization = new(Role.RealizationOfficer, "GerceklestirmeGorevlisi", SignedDocumentStage.Rendered,
        SignedDocumentStage.RealizationSigned, "Gerçekleştirme görevlisi onayı", "gerçekleştirme görevlisinin");

    /// <summary>The second signature (field HarcamaYetkilisi), which sends the ÖEB to the accounting unit.</summary>
    public static readonly SignerStep SpendingAuthority = new(Role.SpendingAuthority, "HarcamaYetkilisi", SignedDocumentStage.RealizationSigned,
        SignedDocumentStage.SpendingAuthoritySigned, "Harcama yetkilisi onayı", "harcama yetkilisinin");

    /// <summary>The accounting officer's signature (field MuhasebeYetkilisi): signs and accepts at once; the document becomes B-LT.</summary>
    public static readonly SignerStep AccountingOfficer = new(Role.AccountingOfficer, "MuhasebeYetkilisi", SignedDocumentStage.SpendingAuthoritySigned,
        SignedDocumentStage.LongTerm, "Muhasebe yetkilisi onayı (kayda alma)", "muhasebe yetkilisinin");

    /// <summary>The roles that e-sign ÖEBs, in signing order.</summary>
    public static IReadOnlyList<Role> SigningRoles { get; } = [Role.RealizationOfficer, Role.SpendingAuthority, Role.AccountingOfficer];

    /// <summary>The signature an ÖEB in <paramref name="status"/> waits for, or null when it waits for none.</summary>
    public static SignerStep? For(PaymentOrderStatus status) => status switch
    {
        PaymentOrderStatus.AwaitingRealizationSignature => Realization,
        PaymentOrderStatus.AwaitingSpendingAuthoritySignature => SpendingAuthority,
        PaymentOrderStatus.SentToAccounting => AccountingOfficer,
        _ => null,
    };
}
