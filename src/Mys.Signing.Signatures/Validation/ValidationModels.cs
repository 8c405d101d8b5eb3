using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mys.Signing.Signatures.Validation;

/// <summary>ETSI EN 319 102-1 main indication.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Indication>))]
public enum Indication
{
    [JsonStringEnumMemberName("TOTAL-PASSED")]
    TotalPassed,
    [JsonStringEnumMemberName("TOTAL-FAILED")]
    TotalFailed,
    [JsonStringEnumMemberName("INDETERMINATE")]
    Indeterminate,
}

/// <summary>ETSI EN 319 102-1 sub-indications used here.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubIndication>))]
public enum SubIndication
{
    [JsonStringEnumMemberName("NONE")]
    None,
    [JsonStringEnumMemberName("FORMAT_FAILURE")]
    FormatFailure,
    [JsonStringEnumMemberName("HASH_FAILURE")]
    HashFailure,
    [JsonStringEnumMemberName("SIG_CRYPTO_FAILURE")]
    SigCryptoFailure,
    [JsonStringEnumMemberName("REVOKED")]
    Revoked,
    [JsonStringEnumMemberName("EXPIRED")]
    Expired,
    [JsonStringEnumMemberName("NOT_YET_VALID")]
    NotYetValid,
    [JsonStringEnumMemberName("NO_SIGNING_CERTIFICATE_FOUND")]
    NoSigningCertificateFound,
    [JsonStringEnumMemberName("NO_CERTIFICATE_CHAIN_FOUND")]
    NoCertificateChainFound,
    [JsonStringEnumMemberName("TRY_LATER")]
    TryLater,
    [JsonStringEnumMemberName("REVOKED_NO_POE")]
    RevokedNoPoe,
    [JsonStringEnumMemberName("OUT_OF_BOUNDS_NO_POE")]
    OutOfBoundsNoPoe,
    [JsonStringEnumMemberName("CHAIN_CONSTRAINTS_FAILURE")]
    ChainConstraintsFailure,
    [JsonStringEnumMemberName("SIG_CONSTRAINTS_FAILURE")]
    SigConstraintsFailure,
}

/// <summary>One certificate of the validated path.</summary>
public sealed record CertificateSummary(string Subject, string Issuer, string SerialNumber, DateTime NotBefore, DateTime NotAfter);

/// <summary>Revocation status found for the signing certificate.</summary>
public sealed record RevocationSummary(string Source, string Status, DateTimeOffset? RevokedAt, DateTimeOffset? ProducedAt);

/// <summary>Result for one signature (PAdES, CAdES or document time-stamp).</summary>
public sealed class SignatureReport
{
    public string Kind { get; set; } = "CAdES";

    public string? FieldName { get; set; }

    /// <summary>Signer role printed on the ÖEB for this field (Gerçekleştirme Görevlisi, Harcama Yetkilisi, Muhasebe Yetkilisi).</summary>
    public string? Role { get; set; }

    public Indication Indication { get; set; } = Indication.TotalPassed;

    public SubIndication SubIndication { get; set; } = SubIndication.None;

    public string Message { get; set; } = ValidationMessages.For(SubIndication.None);

    public string? SignerName { get; set; }

    public string? Tckn { get; set; }

    public bool Qualified { get; set; }

    public bool NonRepudiation { get; set; }

    public DateTimeOffset? ClaimedSigningTime { get; set; }

    public DateTimeOffset? TimeStampTime { get; set; }

    public string Level { get; set; } = "B-B";

    public bool CoversWholeDocument { get; set; }

    public string DigestAlgorithm { get; set; } = string.Empty;

    public IList<CertificateSummary> Chain { get; } = [];

    public RevocationSummary? Revocation { get; set; }

    /// <summary>Codes with details, e.g. "PAGE_CONTENT_CHANGED: 4 0 obj".</summary>
    public IList<string> Findings { get; } = [];

    public bool IsPassed => Indication == Indication.TotalPassed;

    /// <summary>Records a failure unless an earlier, more basic one is already recorded.</summary>
    public void Fail(Indication indication, SubIndication subIndication, string? detail = null)
    {
        if (detail is not null)
        {
            Findings.Add(detail);
        }

        if (Indication != Indication.TotalPassed)
        {
            return;
        }

        Indication = indication;
        SubIndication = subIndication;
        Message = ValidationMessages.For(subIndication);
    }
}

/// <summary>Result for a whole PDF or a detached CAdES signature.</summary>
public sealed class ValidationReport
{
    public Indication Indication { get; set; }

    public SubIndication SubIndication { get; set; }

    public string Message { get; set; } = string.Empty;

    public DateTimeOffset ValidationTime { get; set; }

    public IList<SignatureReport> Signatures { get; } = [];

    public IList<string> Findings { get; } = [];

    /// <summary>Per attachment: does the file match the SHA-256 in the signed attachments table?</summary>
    public IList<AttachmentReport> Attachments { get; } = [];

    public static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Worst signature decides: any TOTAL-FAILED, else any INDETERMINATE, else TOTAL-PASSED.</summary>
    internal void Summarize()
    {
        var worst = Signatures.FirstOrDefault(s => s.Indication == Indication.TotalFailed)
            ?? Signatures.FirstOrDefault(s => s.Indication == Indication.Indeterminate);
        if (Signatures.Count == 0)
        {
            Indication = Indication.TotalFailed;
            SubIndication = SubIndication.FormatFailure;
            Message = "Belgede imza bulunamadı.";
            return;
        }

        Indication = worst?.Indication ?? Indication.TotalPassed;
        SubIndication = worst?.SubIndication ?? SubIndication.None;
        Message = worst?.Message ?? ValidationMessages.For(SubIndication.None);
        if (Indication != Indication.TotalFailed && Attachments.FirstOrDefault(a => a.Status != AttachmentStatus.Match) is { } bad)
        {
            Indication = Indication.TotalFailed;
            SubIndication = SubIndication.HashFailure;
            Message = bad.Message;
        }
    }
}
