namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>Where an ÖEB is in its life. See <see cref="PaymentOrder"/> for the legal transitions.</summary>
public enum PaymentOrderStatus
{
    /// <summary>Taslak: being prepared; the only state in which content can change.</summary>
    Draft = 1,

    /// <summary>Gerçekleştirme görevlisinin imzasını bekliyor.</summary>
    AwaitingRealizationSignature = 2,

    /// <summary>Harcama yetkilisinin imzasını bekliyor.</summary>
    AwaitingSpendingAuthoritySignature = 3,

    /// <summary>Muhasebe birimine gönderildi (e-signed, or wet-signed under R11).</summary>
    SentToAccounting = 4,

    /// <summary>Muhasebe birimince kabul edildi. Final.</summary>
    Accepted = 5,

    /// <summary>Muhasebe birimince iade edildi. Final for this version; a new version continues the work.</summary>
    Returned = 6,

    /// <summary>İptal edildi. Final.</summary>
    Cancelled = 7,
}

/// <summary>Facts about <see cref="PaymentOrderStatus"/> values.</summary>
public static class PaymentOrderStatusFacts
{
    public static string TurkishName(this PaymentOrderStatus status) => status switch
    {
        PaymentOrderStatus.Draft => "Taslak",
        PaymentOrderStatus.AwaitingRealizationSignature => "Gerçekleştirme Görevlisi İmzası Bekleniyor",
        PaymentOrderStatus.AwaitingSpendingAuthoritySignature => "Harcama Yetkilisi İmzası Bekleniyor",
        PaymentOrderStatus.SentToAccounting => "Muhasebe Birimine Gönderildi",
        PaymentOrderStatus.Accepted => "Kabul Edildi",
        PaymentOrderStatus.Returned => "İade Edildi",
        PaymentOrderStatus.Cancelled => "İptal Edildi",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The ÖEB has left the spending unit (sent, accepted or returned).</summary>
    public static bool IsSent(this PaymentOrderStatus status) =>
        status is PaymentOrderStatus.SentToAccounting or PaymentOrderStatus.Accepted or PaymentOrderStatus.Returned;
}
