using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Tests.TestSupport;

/// <summary>Builds a draft ÖEB that passes every rule by default (an electricity bill paid on an e-Fatura).</summary>
public sealed class PaymentOrderBuilder
{
    private readonly List<SupportingDocumentSpec> _attachments = [];
    private string _expenseType = ExpenseTypeCodes.Electricity;
    private decimal _gross = 1_180.00m;
    private Deductions _deductions = Deductions.Create(stampDuty: Money.From(10.00m)).Value;
    private ContractReference? _contract;
    private bool _withPayee = true;
    private bool _withLines = true;
    private bool _defaultAttachments = true;
    private Guid _id = Guid.NewGuid();

    public PaymentOrderBuilder WithId(Guid id)
    {
        _id = id;
        return this;
    }

    public PaymentOrderBuilder WithExpenseType(string code)
    {
        _expenseType = code;
        return this;
    }

    public PaymentOrderBuilder WithAmounts(decimal gross, Deductions deductions)
    {
        _gross = gross;
        _deductions = deductions;
        return this;
    }

    public PaymentOrderBuilder WithContract(string number, int progress, Guid? commitmentOrder = null)
    {
        _contract = ContractReference.Create(number, progress, commitmentOrder).Value;
        return this;
    }

    public PaymentOrderBuilder WithoutPayee()
    {
        _withPayee = false;
        return this;
    }

    public PaymentOrderBuilder WithoutLines()
    {
        _withLines = false;
        return this;
    }

    /// <summary>Replaces the default e-Fatura with exactly these attachments (call with none for an empty ÖEB).</summary>
    public PaymentOrderBuilder WithAttachments(params SupportingDocumentSpec[] specs)
    {
        _defaultAttachments = false;
        _attachments.AddRange(specs);
        return this;
    }

    public PaymentOrder Build()
    {
        var order = PaymentOrder.Create(
            _id, DocumentNumber.From("2025/0042"), new DateOnly(2025, 6, 10), 2025, Fixtures.SpendingUnit, Fixtures.AccountingUnit,
            _expenseType, Fixtures.DataEntry, Fixtures.Now).Value;

        order.SetClassification(BudgetClassification.Parse("38.01.00.05", "01.3.9.00", "1", "03.2.1.01").Value);
        order.SetAmounts(Money.From(_gross), _deductions).IsSuccess.ShouldBeTrue();
        if (_withLines)
        {
            order.AddLine(AccountingLine.Debit("630", _gross));
            order.AddLine(AccountingLine.Credit("320.01", (Money.From(_gross) - _deductions.Total).Amount));
            if (_deductions.Total.IsPositive)
            {
                order.AddLine(AccountingLine.Credit("360", _deductions.Total.Amount));
            }
        }

        if (_withPayee)
        {
            order.SetPayee(Payee.Create("Başkent Elektrik Dağıtım A.Ş.", TaxId.From(Fixtures.ValidVkn), "Çankaya", Iban.From(Fixtures.ValidIban), "Ziraat Bankası").Value);
        }

        order.SetDescription("Haziran 2025 elektrik bedeli");
        if (_contract is not null)
        {
            order.SetContract(_contract);
        }

        var specs = _defaultAttachments ? [Fixtures.EInvoiceLink()] : _attachments;
        foreach (var spec in specs)
        {
            order.AddAttachment(Fixtures.Attachment(spec));
        }

        return order;
    }
}
