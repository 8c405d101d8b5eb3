using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// For contract-based expense types: the contract number, the progress payment (hakediş) number (1 = first),
/// and for later payments the id of the earlier ÖEB that carried the commitment file (R4). The reference sits
/// here, on the ÖEB, rather than on an attachment, because a later payment attaches nothing for it.
/// </summary>
public sealed record ContractReference
{
    private ContractReference(string contractNumber, int progressPaymentNumber, Guid? commitmentFileOrderId)
    {
        ContractNumber = contractNumber;
        ProgressPaymentNumber = progressPaymentNumber;
        CommitmentFileOrderId = commitmentFileOrderId;
    }

    public string ContractNumber { get; }

    public int ProgressPaymentNumber { get; }

    /// <summary>The ÖEB that carried the commitment file; expected on every payment after the first.</summary>
    public Guid? CommitmentFileOrderId { get; }

    public bool IsFirstPayment => ProgressPaymentNumber == 1;

    public static Result<ContractReference> Create(string? contractNumber, int progressPaymentNumber, Guid? commitmentFileOrderId = null)
    {
        var number = contractNumber?.Trim() ?? string.Empty;
        if (number.Length is 0 or > PaymentOrderLimits.ContractNumberLength)
        {
            return Result<ContractReference>.Failure("CONTRACT_NO", "Sözleşme numarası girilmelidir (en fazla 50 karakter).");
        }

        if (TypedText.HasForbidden(number))
        {
            return Result<ContractReference>.Failure("CONTRACT_NO", "Sözleşme numarası kontrol karakteri veya yazı yönünü değiştiren görünmez karakter içeremez.");
        }

        if (progressPaymentNumber < 1)
        {
            return Result<ContractReference>.Failure("PROGRESS_NO", "Hakediş numarası 1 veya daha büyük olmalıdır.");
        }

        return Result<ContractReference>.Success(new ContractReference(number, progressPaymentNumber, commitmentFileOrderId));
    }
}
