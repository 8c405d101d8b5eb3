namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// The names of the public accounting chart's accounts (Genel Yönetim Muhasebe Yönetmeliği, hesap planı) that ÖEBs
/// use: the main accounts of payments, withholdings and the budget. Not the whole chart: a code not listed here has
/// no name (the form prints the code alone), and a sub-account (320.01) is named after its main account (320), since
/// sub-accounts are opened per institution. Add an account here when a new kind of ÖEB needs it.
/// </summary>
public static class ChartOfAccounts
{
    private static readonly Dictionary<string, string> MainAccounts = new(StringComparer.Ordinal)
    {
        ["100"] = "Kasa Hesabı",
        ["102"] = "Banka Hesabı",
        ["103"] = "Verilen Çekler ve Gönderme Emirleri Hesabı",
        ["150"] = "İlk Madde ve Malzeme Hesabı",
        ["160"] = "İş Avans ve Kredileri Hesabı",
        ["162"] = "Bütçe Dışı Avans ve Krediler Hesabı",
        ["253"] = "Tesis, Makine ve Cihazlar Hesabı",
        ["254"] = "Taşıtlar Hesabı",
        ["255"] = "Demirbaşlar Hesabı",
        ["320"] = "Bütçe Emanetleri Hesabı",
        ["330"] = "Alınan Depozito ve Teminatlar Hesabı",
        ["333"] = "Emanetler Hesabı",
        ["360"] = "Ödenecek Vergi ve Fonlar Hesabı",
        ["361"] = "Ödenecek Sosyal Güvenlik Kesintileri Hesabı",
        ["362"] = "Fonlar veya Diğer Kamu İdareleri Adına Yapılan Tahsilat Hesabı",
        ["630"] = "Giderler Hesabı",
        ["830"] = "Bütçe Giderleri Hesabı",
        ["835"] = "Gider Yansıtma Hesabı",
    };

    /// <summary>The account's name, e.g. "Giderler Hesabı" for 630 and "Bütçe Emanetleri Hesabı" for 320.01; null when not listed.</summary>
    public static string? NameOf(AccountCode account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return MainAccounts.GetValueOrDefault(account.Value) ?? MainAccounts.GetValueOrDefault(account.MainAccount);
    }
}

/// <summary>
/// The order accounting lines are shown and printed in, as on the paper form: debit lines first, then credit lines,
/// each by account code (compared part by part as numbers, so 320.2 comes before 320.10).
/// </summary>
public sealed class AccountingLineOrder : IComparer<AccountingLine>
{
    public static AccountingLineOrder Instance { get; } = new();

    public static IReadOnlyList<AccountingLine> Sort(IEnumerable<AccountingLine> lines) => [.. lines.Order(Instance)];

    public int Compare(AccountingLine? x, AccountingLine? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var side = x.Side.CompareTo(y.Side); // Debit (1) before Credit (2)
        return side != 0 ? side : CompareCodes(x.Account.Value, y.Account.Value);
    }

    private static int CompareCodes(string x, string y)
    {
        var left = x.Split('.');
        var right = y.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var byNumber = left[i].Length != right[i].Length
                ? decimal.Parse(left[i], System.Globalization.CultureInfo.InvariantCulture).CompareTo(decimal.Parse(right[i], System.Globalization.CultureInfo.InvariantCulture))
                : string.CompareOrdinal(left[i], right[i]);
            if (byNumber != 0)
            {
                return byNumber;
            }
        }

        return left.Length.CompareTo(right.Length);
    }
}
