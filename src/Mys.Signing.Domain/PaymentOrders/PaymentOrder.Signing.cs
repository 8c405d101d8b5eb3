using Mys.Signing.Domain.Access;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>E-signing: which signature the ÖEB waits for, where its signer must hold the role, and recording it.</summary>
public sealed partial class PaymentOrder
{
    /// <summary>The e-signature this ÖEB waits for now, or null (recording it still refuses a wet-signed ÖEB, PO_WET_SIGNED).</summary>
    public SignerStep? AwaitedSignature => SignerStep.For(Status);

    /// <summary>The unit in which a signer of <paramref name="role"/> must hold it: the accounting unit for the accounting officer.</summary>
    public Guid SignerUnit(Role role) => role == Role.AccountingOfficer ? AccountingUnitId : SpendingUnitId;

    /// <summary>
    /// Records the signature of <paramref name="step"/> (the realization officer's, the spending authority's, or the
    /// accounting officer's with the acceptance); the same rules and refusals as the single transitions.
    /// </summary>
    public RuleReport RecordSignature(SignerStep step, Actor signer, DateTimeOffset signedAt, string signatureReference, ITransitionRules rules, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Role switch
        {
            Role.RealizationOfficer => RecordRealizationSignature(signer, signedAt, signatureReference, rules, context),
            Role.SpendingAuthority => RecordSpendingAuthoritySignature(signer, signedAt, signatureReference, rules, context),
            Role.AccountingOfficer => AcceptSigned(signer, signedAt, signatureReference, rules, context),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Role, "Not a signing role."),
        };
    }
}
