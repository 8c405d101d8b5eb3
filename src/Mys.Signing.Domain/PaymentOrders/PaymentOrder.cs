using System.Collections.ObjectModel;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// Ödeme Emri Belgesi (ÖEB): the order to pay, prepared by the spending unit, e-signed by the realization
/// officer and the spending authority, and sent to the accounting unit.
/// <para>
/// Content can change only in <see cref="PaymentOrderStatus.Draft"/>; every edit method throws a
/// <see cref="DomainException"/> (code <c>PO_NOT_DRAFT</c>) otherwise. Lifecycle verbs are in
/// PaymentOrder.Lifecycle.cs. Versions: a returned ÖEB is never edited again; <see cref="StartNewVersion"/>
/// creates a new aggregate (new id, <see cref="Version"/> + 1, <see cref="PreviousVersionId"/> pointing back)
/// and the earlier, signed version stays as it was.
/// </para>
/// </summary>
public sealed partial class PaymentOrder
{
    private readonly List<AccountingLine> _lines = [];
    private readonly List<SupportingDocument> _attachments = [];
    private ReadOnlyCollection<SupportingDocument>? _attachmentsView;

    // For the persistence layer's materialisation only; it sets every property from storage.
    private PaymentOrder()
    {
        Number = null!;
        ExpenseTypeCode = null!;
        Deductions = Deductions.None;
        AttachmentsDescription = string.Empty;
    }

    private PaymentOrder(
        Guid id, int version, Guid? previousVersionId, DocumentNumber number, DateOnly documentDate, int budgetYear,
        Guid spendingUnitId, Guid accountingUnitId, string expenseTypeCode, Guid createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        Version = version;
        PreviousVersionId = previousVersionId;
        Number = number;
        DocumentDate = documentDate;
        BudgetYear = budgetYear;
        SpendingUnitId = spendingUnitId;
        AccountingUnitId = accountingUnitId;
        ExpenseTypeCode = expenseTypeCode;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        Status = PaymentOrderStatus.Draft;
        Deductions = Deductions.None;
        AttachmentsDescription = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>1 for the first version; each new version after a return adds one.</summary>
    public int Version { get; private set; }

    public Guid? PreviousVersionId { get; private set; }

    /// <summary>Set on a returned ÖEB once its next version has been started.</summary>
    public Guid? NextVersionId { get; private set; }

    /// <summary>Belge sayısı.</summary>
    public DocumentNumber Number { get; private set; }

    /// <summary>Belge tarihi.</summary>
    public DateOnly DocumentDate { get; private set; }

    public int BudgetYear { get; private set; }

    public Guid SpendingUnitId { get; private set; }

    public Guid AccountingUnitId { get; private set; }

    /// <summary>Code of the <see cref="Catalog.ExpenseType"/> (ödeme alt türü).</summary>
    public string ExpenseTypeCode { get; private set; }

    public BudgetClassification? Classification { get; private set; }

    /// <summary>The accounting lines in the paper form's order (<see cref="AccountingLineOrder"/>): debit first, then by account code.</summary>
    public IReadOnlyList<AccountingLine> Lines => AccountingLineOrder.Sort(_lines);

    /// <summary>Brüt tutar.</summary>
    public Money GrossAmount { get; private set; }

    public Deductions Deductions { get; private set; }

    /// <summary>Ödenecek (net) tutar = gross − deductions; must be positive to submit.</summary>
    public Money NetPayable => GrossAmount - Deductions.Total;

    public Payee? Payee { get; private set; }

    /// <summary>Açıklama: free text.</summary>
    public string? Description { get; private set; }

    /// <summary>Ek belgeler açıklaması, generated from the invoice fields (R9); see <see cref="PaymentOrders.AttachmentsDescription"/>.</summary>
    public string AttachmentsDescription { get; private set; }

    /// <summary>The attachments in entry order (<see cref="SupportingDocument.Position"/>).</summary>
    public IReadOnlyList<SupportingDocument> Attachments
    {
        get
        {
            EnsureAttachmentOrder();
            return _attachmentsView ??= _attachments.AsReadOnly();
        }
    }

    public ContractReference? Contract { get; private set; }

    public PaymentOrderStatus Status { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsEditable => Status == PaymentOrderStatus.Draft;

    /// <summary>Opens a new draft. Only a data-entry officer or a realization officer prepares ÖEBs.</summary>
    public static Result<PaymentOrder> Create(
        Guid id, DocumentNumber number, DateOnly documentDate, int budgetYear, Guid spendingUnitId, Guid accountingUnitId,
        string? expenseTypeCode, Actor createdBy, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(createdBy);
        RequirePreparer(createdBy);
        if (budgetYear is < 2000 or > 2100)
        {
            return Result<PaymentOrder>.Failure("PO_BUDGET_YEAR", "Bütçe yılı 2000-2100 arasında olmalıdır.");
        }

        if (string.IsNullOrWhiteSpace(expenseTypeCode))
        {
            return Result<PaymentOrder>.Failure("PO_EXPENSE_TYPE", "Ödeme türü seçilmelidir.");
        }

        if (PaymentOrderDates.Check(documentDate, "Belge tarihi").Error is { } badDate)
        {
            return Result<PaymentOrder>.Failure(badDate);
        }

        return Result<PaymentOrder>.Success(new PaymentOrder(
            id, 1, null, number, documentDate, budgetYear, spendingUnitId, accountingUnitId, expenseTypeCode.Trim(), createdBy.UserId, createdAt));
    }

    /// <summary>Changes the document number and date; a date outside the accepted years is refused.</summary>
    public Result ChangeHeader(DocumentNumber number, DateOnly documentDate)
    {
        EnsureDraft();
        ArgumentNullException.ThrowIfNull(number);
        if (PaymentOrderDates.Check(documentDate, "Belge tarihi").Error is { } badDate)
        {
            return Result.Failure(badDate);
        }

        Number = number;
        DocumentDate = documentDate;
        return Result.Success();
    }

    public void ChangeExpenseType(string expenseTypeCode)
    {
        EnsureDraft();
        ArgumentException.ThrowIfNullOrWhiteSpace(expenseTypeCode);
        ExpenseTypeCode = expenseTypeCode.Trim();
    }

    public void SetClassification(BudgetClassification classification)
    {
        EnsureDraft();
        Classification = classification ?? throw new ArgumentNullException(nameof(classification));
    }

    public void AddLine(AccountingLine line)
    {
        EnsureDraft();
        _lines.Add(line ?? throw new ArgumentNullException(nameof(line)));
    }

    public void RemoveLineAt(int index)
    {
        EnsureDraft();
        if ((uint)index >= (uint)_lines.Count)
        {
            throw new DomainException("PO_LINE_NOT_FOUND", "Muhasebe satırı bulunamadı.");
        }

        // The index is into Lines (the shown order); equal lines are interchangeable.
        _lines.Remove(Lines[index]);
    }

    /// <summary>
    /// Sets the gross amount and the deductions; the gross amount may not be negative, and once there are deductions
    /// what is left to pay must be more than zero (a draft may still have no amounts at all).
    /// </summary>
    public Result SetAmounts(Money grossAmount, Deductions deductions)
    {
        EnsureDraft();
        ArgumentNullException.ThrowIfNull(deductions);
        if (grossAmount.IsNegative)
        {
            return Result.Failure("PO_GROSS_NEGATIVE", "Brüt tutar eksi olamaz.");
        }

        if (!deductions.Total.IsZero && grossAmount - deductions.Total <= Money.Zero)
        {
            return Result.Failure(
                "PO_NET_NOT_POSITIVE",
                $"Kesintilerin toplamı ({deductions.Total.ToTurkishString()}) brüt tutardan ({grossAmount.ToTurkishString()}) küçük olmalıdır; ödenecek tutar sıfırdan büyük olmalıdır.");
        }

        GrossAmount = grossAmount;
        Deductions = deductions;
        return Result.Success();
    }

    public void SetPayee(Payee payee)
    {
        EnsureDraft();
        Payee = payee ?? throw new ArgumentNullException(nameof(payee));
    }

    /// <summary>Sets the free-text description (several lines allowed), refused over its column's length or with control characters.</summary>
    public Result SetDescription(string? description)
    {
        EnsureDraft();
        var text = TypedText.Check(description, "Açıklama", PaymentOrderLimits.DescriptionLength, multiline: true);
        if (!text.IsSuccess)
        {
            return Result.Failure(text.Error!);
        }

        Description = text.Value;
        return Result.Success();
    }

    /// <summary>Sets or clears (null) the contract and progress-payment number.</summary>
    public void SetContract(ContractReference? contract)
    {
        EnsureDraft();
        Contract = contract;
    }

    private static void RequirePreparer(Actor actor)
    {
        if (actor.Role is not (Role.DataEntryOfficer or Role.RealizationOfficer))
        {
            throw new DomainException("PO_ROLE", "ÖEB'yi yalnızca veri giriş görevlisi veya gerçekleştirme görevlisi hazırlayabilir.");
        }
    }

    private void EnsureDraft()
    {
        if (Status != PaymentOrderStatus.Draft)
        {
            throw new DomainException("PO_NOT_DRAFT", "ÖEB taslak durumunda değil; içeriği değiştirilemez.");
        }
    }
}
