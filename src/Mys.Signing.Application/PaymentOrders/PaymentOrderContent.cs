using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>
/// What the ÖEB form sets on a draft, every field already parsed into domain values: header, expense type, classification,
/// lines, payee, amounts, description, contract (<see cref="CreatePaymentOrder"/>, <see cref="EditPaymentOrder"/>).
/// </summary>
public sealed record PaymentOrderContent(
    DocumentNumber Number, DateOnly DocumentDate, string ExpenseTypeCode, BudgetClassification? Classification, IReadOnlyList<AccountingLine> Lines,
    Payee? Payee, Money Gross, Deductions Deductions, string? Description, ContractReference? Contract)
{
    /// <summary>The number is unique per spending unit and budget year (versions of one ÖEB share it).</summary>
    public static readonly Refusal DuplicateNumber =
        new(RefusalKind.Conflict, "duplicate number", "Bu belge sayısı bu harcama biriminde bu bütçe yılı için zaten kullanılmış.");

    public const string StaleMessage = "Bu ÖEB siz düzenlerken başka biri tarafından değiştirildi. Güncel bilgiler aşağıda; değişikliğinizi yeniden yapın.";

    /// <summary>Writes the values into a draft (the caller has checked it is one).</summary>
    public Result ApplyTo(PaymentOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.ChangeHeader(Number, DocumentDate) is { IsSuccess: false } header)
        {
            return header;
        }

        order.ChangeExpenseType(ExpenseTypeCode);
        if (Classification is not null)
        {
            order.SetClassification(Classification);
        }

        while (order.Lines.Count > 0)
        {
            order.RemoveLineAt(order.Lines.Count - 1);
        }

        foreach (var line in Lines)
        {
            order.AddLine(line);
        }

        if (Payee is not null)
        {
            order.SetPayee(Payee);
        }

        var description = order.SetDescription(Description);
        order.SetContract(Contract);
        return description.IsSuccess ? order.SetAmounts(Gross, Deductions) : description;
    }
}
