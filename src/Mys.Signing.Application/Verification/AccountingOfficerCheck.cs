using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// The accounting officer's signature: its signer held AccountingOfficer in the ÖEB's accounting unit when signing, and
/// signed after the spending authority (by time-stamp, else the claimed signing time). A missing time on either side
/// fails: the order cannot be shown.
/// </summary>
internal static class AccountingOfficerCheck
{
    /// <param name="record">The ÖEB's record of the officer's signature.</param>
    /// <param name="heldRole">Whether the records show the signer held the role in the ÖEB's accounting unit at <see cref="SignatureRecord.SignedAt"/>.</param>
    /// <param name="accountingUnit">The accounting unit's name, for the message.</param>
    /// <param name="officer">The validator's report of the officer's signature.</param>
    /// <param name="spendingAuthority">The spending authority's line of this report, if it has one.</param>
    public static IEnumerable<string> Problems(SignatureRecord record, bool heldRole, string accountingUnit, SignatureReport officer, SignerCheck? spendingAuthority)
    {
        if (record.Role != Role.AccountingOfficer || !heldRole)
        {
            yield return $"Muhasebe Yetkilisi imzasını atan kişi, imza anında {accountingUnit} biriminin muhasebe yetkilisi değildi.";
        }

        var at = officer.TimeStampTime ?? officer.ClaimedSigningTime;
        var before = spendingAuthority?.TimeStamp ?? spendingAuthority?.SignedAt;
        if (at is null || before is null || at < before)
        {
            yield return "Muhasebe Yetkilisi imzası harcama yetkilisinin imzasından sonra atılmış olmalı.";
        }
    }
}
