using System.Globalization;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>One accounting line as typed in the form.</summary>
public sealed class LineInput
{
    public string? Account { get; set; }

    /// <summary>"B" (borç) or "A" (alacak).</summary>
    public string? Side { get; set; }

    public string? Amount { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Account) && string.IsNullOrWhiteSpace(Amount);
}

/// <summary>
/// The ÖEB form as typed; <see cref="Validate"/> parses every field into domain values and collects every problem
/// at once (Turkish messages keyed by field), so nothing is saved unless all of them parse.
/// </summary>
public sealed class PaymentOrderForm
{
    public const int LineRows = 6;

    public string? Number { get; set; }

    public string? DocumentDate { get; set; }

    public int BudgetYear { get; set; }

    public string? ExpenseTypeCode { get; set; }

    public string? Institutional { get; set; }

    public string? Functional { get; set; }

    public string? Financing { get; set; }

    public string? Economic { get; set; }

    public List<LineInput> Lines { get; set; } = [];

    public string? PayeeName { get; set; }

    public string? PayeeTaxId { get; set; }

    public string? PayeeTaxOffice { get; set; }

    public string? PayeeIban { get; set; }

    public string? PayeeBank { get; set; }

    public string? Gross { get; set; }

    public string? VatWithholding { get; set; }

    public string? StampDuty { get; set; }

    public string? IncomeTaxWithholding { get; set; }

    public string? SocialSecurity { get; set; }

    public string? OtherDeductions { get; set; }

    public string? Description { get; set; }

    public string? ContractNumber { get; set; }

    public string? ProgressPaymentNumber { get; set; }

    public string? CommitmentFileOrderId { get; set; }

    public void PadLines()
    {
        while (Lines.Count < LineRows)
        {
            Lines.Add(new LineInput());
        }
    }

    public static PaymentOrderForm From(PaymentOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var form = new PaymentOrderForm
        {
            Number = order.Number.Value,
            DocumentDate = order.DocumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            BudgetYear = order.BudgetYear,
            ExpenseTypeCode = order.ExpenseTypeCode,
            Institutional = order.Classification?.Institutional.Value,
            Functional = order.Classification?.Functional.Value,
            Financing = order.Classification?.Financing.ToString(),
            Economic = order.Classification?.Economic.Value,
            Lines = order.Lines.Select(l => new LineInput { Account = l.Account.Value, Side = l.Side == AccountSide.Debit ? "B" : "A", Amount = l.Amount.ToInputString() }).ToList(),
            PayeeName = order.Payee?.Name,
            PayeeTaxId = order.Payee?.TaxId.Value,
            PayeeTaxOffice = order.Payee?.TaxOffice,
            PayeeIban = order.Payee?.Iban.Value,
            PayeeBank = order.Payee?.BankName,
            Gross = order.GrossAmount.ToInputString(),
            VatWithholding = order.Deductions.VatWithholding.ToInputString(),
            StampDuty = order.Deductions.StampDuty.ToInputString(),
            IncomeTaxWithholding = order.Deductions.IncomeTaxWithholding.ToInputString(),
            SocialSecurity = order.Deductions.SocialSecurity.ToInputString(),
            OtherDeductions = order.Deductions.Other.ToInputString(),
            Description = order.Description,
            ContractNumber = order.Contract?.ContractNumber,
            ProgressPaymentNumber = order.Contract?.ProgressPaymentNumber.ToString(CultureInfo.InvariantCulture),
            CommitmentFileOrderId = order.Contract?.CommitmentFileOrderId?.ToString(),
        };
        form.PadLines();
        return form;
    }

    /// <summary>Parses every field; returns the values, or null with <paramref name="errors"/> filled.</summary>
    public PaymentOrderContent? Validate(Dictionary<string, string> errors, Func<string, bool> expenseTypeExists)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(expenseTypeExists);
        var number = Take(DocumentNumber.Parse(Number), nameof(Number), errors);
        DateOnly date = default;
        if (!DateOnly.TryParseExact(DocumentDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors[nameof(DocumentDate)] = "Belge tarihi geçerli bir tarih olmalıdır.";
        }

        if (string.IsNullOrWhiteSpace(ExpenseTypeCode) || !expenseTypeExists(ExpenseTypeCode.Trim()))
        {
            errors[nameof(ExpenseTypeCode)] = "Ödeme türü seçilmelidir.";
        }

        BudgetClassification? classification = null;
        if (!(string.IsNullOrWhiteSpace(Institutional) && string.IsNullOrWhiteSpace(Functional) && string.IsNullOrWhiteSpace(Financing) && string.IsNullOrWhiteSpace(Economic)))
        {
            var i = Take(InstitutionalCode.Parse(Institutional), nameof(Institutional), errors);
            var f = Take(FunctionalCode.Parse(Functional), nameof(Functional), errors);
            var t = Take(FinancingType.Parse(Financing), nameof(Financing), errors);
            var e = Take(EconomicCode.Parse(Economic), nameof(Economic), errors);
            classification = i is not null && f is not null && t is not null && e is not null ? new BudgetClassification(i, f, t, e) : null;
        }

        var lines = new List<AccountingLine>();
        for (var index = 0; index < Lines.Count; index++)
        {
            var input = Lines[index];
            if (input.IsBlank)
            {
                continue;
            }

            var key = $"Lines[{index.ToString(CultureInfo.InvariantCulture)}]";
            var account = Take(AccountCode.Parse(input.Account), key, errors);
            var amount = Take(Money.Parse(input.Amount), key, errors, prefix: $"{(index + 1).ToString(CultureInfo.InvariantCulture)}. satır: ");
            AccountSide? side = input.Side switch { "B" => AccountSide.Debit, "A" => AccountSide.Credit, _ => null };
            if (side is null)
            {
                errors[key] = $"{(index + 1).ToString(CultureInfo.InvariantCulture)}. satır: borç (B) veya alacak (A) seçilmelidir.";
            }

            if (account is not null && side is not null && errors.ContainsKey(key) is false)
            {
                var line = Take(AccountingLine.Create(account, side.Value, amount), key, errors, prefix: $"{(index + 1).ToString(CultureInfo.InvariantCulture)}. satır: ");
                if (line is not null)
                {
                    lines.Add(line);
                }
            }
        }

        Payee? payee = null;
        if (!(string.IsNullOrWhiteSpace(PayeeName) && string.IsNullOrWhiteSpace(PayeeTaxId) && string.IsNullOrWhiteSpace(PayeeIban)))
        {
            var taxId = Take(TaxId.Parse(PayeeTaxId), nameof(PayeeTaxId), errors);
            var iban = Take(Iban.Parse(PayeeIban), nameof(PayeeIban), errors);
            if (taxId is not null && iban is not null)
            {
                payee = Take(Payee.Create(PayeeName, taxId, PayeeTaxOffice, iban, PayeeBank), nameof(PayeeName), errors);
            }
        }

        var gross = MoneyOrZero(Gross, nameof(Gross), errors);
        var deductions = Take(
            Deductions.Create(
                MoneyOrZero(VatWithholding, nameof(VatWithholding), errors),
                MoneyOrZero(StampDuty, nameof(StampDuty), errors),
                MoneyOrZero(IncomeTaxWithholding, nameof(IncomeTaxWithholding), errors),
                MoneyOrZero(SocialSecurity, nameof(SocialSecurity), errors),
                MoneyOrZero(OtherDeductions, nameof(OtherDeductions), errors)),
            nameof(VatWithholding), errors);
        if (gross.IsNegative)
        {
            errors[nameof(Gross)] = "Brüt tutar eksi olamaz.";
        }

        ContractReference? contract = null;
        if (!string.IsNullOrWhiteSpace(ContractNumber) || !string.IsNullOrWhiteSpace(ProgressPaymentNumber))
        {
            if (!int.TryParse(ProgressPaymentNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var progress))
            {
                errors[nameof(ProgressPaymentNumber)] = "Hakediş numarası 1 veya daha büyük bir tam sayı olmalıdır.";
            }

            Guid? commitment = null;
            if (!string.IsNullOrWhiteSpace(CommitmentFileOrderId))
            {
                if (Guid.TryParse(CommitmentFileOrderId.Trim(), out var id))
                {
                    commitment = id;
                }
                else
                {
                    errors[nameof(CommitmentFileOrderId)] = "Taahhüt dosyasını taşıyan ÖEB kimliği geçerli değil.";
                }
            }

            if (!errors.ContainsKey(nameof(ProgressPaymentNumber)))
            {
                contract = Take(ContractReference.Create(ContractNumber, progress, commitment), nameof(ContractNumber), errors);
            }
        }

        if (errors.Count > 0 || number is null || deductions is null)
        {
            return null;
        }

        return new PaymentOrderContent(number, date, ExpenseTypeCode!.Trim(), classification, lines, payee, gross, deductions, Description, contract);
    }

    private static Money MoneyOrZero(string? text, string key, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Money.Zero;
        }

        var result = Money.Parse(text);
        if (result.IsSuccess)
        {
            return result.Value;
        }

        errors.TryAdd(key, result.Error!.Message);
        return Money.Zero;
    }

    private static T? Take<T>(Result<T> result, string key, Dictionary<string, string> errors, string prefix = "")
    {
        if (result.IsSuccess)
        {
            return result.Value;
        }

        errors.TryAdd(key, prefix + result.Error!.Message);
        return default;
    }
}
