namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>The Turkish names of <see cref="SignedDocumentStage"/>, the one table pages and reports use.</summary>
public static class SignedDocumentStageNames
{
    public static string TurkishName(this SignedDocumentStage stage) => stage switch
    {
        SignedDocumentStage.Rendered => "Oluşturuldu, imza yok",
        SignedDocumentStage.RealizationSigned => "Gerçekleştirme görevlisi imzaladı",
        SignedDocumentStage.SpendingAuthoritySigned => "Harcama yetkilisi imzaladı",
        SignedDocumentStage.LongTerm => "Kabul edildi, uzun süreli doğrulanabilir (B-LT)",
        SignedDocumentStage.Archived => "Arşiv zaman damgalı (B-LTA)",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };
}
