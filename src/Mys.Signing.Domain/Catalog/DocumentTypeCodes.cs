namespace Mys.Signing.Domain.Catalog;

/// <summary>Codes of the seeded document types that the rules refer to by name.</summary>
public static class DocumentTypeCodes
{
    /// <summary>Harcama Talimatı Onay Belgesi (structured, system-produced).</summary>
    public const string SpendingInstruction = "HTOB";

    /// <summary>Varlık İşlem Fişi (structured, system-produced; the Taşınır İşlem Fişi family).</summary>
    public const string AssetVoucher = "VIF";

    /// <summary>e-Fatura (structured, linked by ETTN).</summary>
    public const string EInvoice = "EFATURA";

    /// <summary>Fatura: e-Arşiv or paper invoice, scanned (R8, R9).</summary>
    public const string Invoice = "FATURA";

    /// <summary>Taahhüt dosyası (R4).</summary>
    public const string CommitmentFile = "TAAHHUT";

    public const string ApprovalDocument = "ONAY";
    public const string MarketResearch = "PIYASA";
    public const string Contract = "SOZLESME";
    public const string AcceptanceReport = "MUAYENE";
    public const string ServiceProgressReport = "HAKEDIS_HIZMET";
    public const string WorksProgressReport = "HAKEDIS_YAPIM";
    public const string ProvisionalAcceptance = "GECICI_KABUL";
    public const string FinalAccount = "KESIN_HESAP";
    public const string TravelAssignment = "GOREVLENDIRME";
    public const string TemporaryDutyDeclaration = "GECICI_YOLLUK";
    public const string PermanentDutyDeclaration = "SUREKLI_YOLLUK";
    public const string AppointmentApproval = "ATAMA_ONAYI";
    public const string DistanceTable = "MESAFE_CETVELI";
    public const string BankReceipt = "DEKONT";
    public const string Payroll = "BORDRO";
    public const string StaffNotice = "PERSONEL_BILDIRIM";
    public const string TransferNotice = "NAKIL_BILDIRIM";
    public const string LeaseContract = "KIRA_SOZLESMESI";
}

/// <summary>Codes of the seeded expense types.</summary>
public static class ExpenseTypeCodes
{
    public const string DirectProcurementGoods = "DT_MAL";
    public const string DirectProcurementServices = "DT_HIZMET";
    public const string Electricity = "ELEKTRIK";
    public const string Water = "SU";
    public const string NaturalGas = "DOGALGAZ";
    public const string Telecommunications = "HABERLESME";
    public const string TenderGoods = "IHALE_MAL";
    public const string ServiceProgressPayment = "HAKEDIS_HIZMET";
    public const string WorksProgressPayment = "HAKEDIS_YAPIM";
    public const string TemporaryDutyTravel = "GECICI_GOREV_YOLLUGU";
    public const string PermanentDutyTravel = "SUREKLI_GOREV_YOLLUGU";
    public const string Salaries = "PERSONEL_AYLIK";
    public const string Rent = "KIRA";
}
