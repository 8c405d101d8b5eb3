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

    /// <summary>
    /// Project refinement of ETSI's FORMAT_FAILURE: a later revision made a change the document's rules (DocMDP, FieldMDP,
    /// the permitted kinds of incremental update) do not permit, or unsigned bytes follow the last revision.
    /// </summary>
    [JsonStringEnumMemberName("CHANGE_NOT_PERMITTED")]
    ChangeNotPermitted,
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

    /// <summary>The decisive Turkish sentence with its detail (what changed, which check failed); shown first.</summary>
    public string Reason { get; set; } = ValidationMessages.For(SubIndication.None);

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

    /// <summary>
    /// Records a failure; it becomes the verdict when it outranks the current one: TOTAL-FAILED over INDETERMINATE, and
    /// among equals the more decisive kind (integrity before modification before certificate); the first of equals stays.
    /// </summary>
    public void Fail(Indication indication, SubIndication subIndication, string? detail = null, string? reason = null)
    {
        if (detail is not null)
        {
            Findings.Add(detail);
        }

        if (!Verdicts.Outranks(indication, subIndication, Indication, SubIndication))
        {
            return;
        }

        Indication = indication;
        SubIndication = subIndication;
        Message = ValidationMessages.For(subIndication);
        Reason = reason ?? ValidationMessages.Explain(detail, subIndication);
    }
}

/// <summary>Ordering of verdicts (ETSI EN 319 102-1 plus our precedence among sub-indications).</summary>
public static class Verdicts
{
    /// <summary>The ETSI (or project) name, e.g. "CHANGE_NOT_PERMITTED".</summary>
    public static string Name(SubIndication subIndication) => JsonSerializer.Serialize(subIndication).Trim('"');

    public static int Severity(Indication indication) => indication switch
    {
        Indication.TotalFailed => 2,
        Indication.Indeterminate => 1,
        _ => 0,
    };

    /// <summary>0 integrity (byte range, digest, signature value, signed attributes), 1 change after signing, 2 the rest.</summary>
    public static int Decisiveness(SubIndication subIndication) => subIndication switch
    {
        SubIndication.FormatFailure or SubIndication.HashFailure or SubIndication.SigCryptoFailure or SubIndication.NoSigningCertificateFound => 0,
        SubIndication.ChangeNotPermitted => 1,
        _ => 2,
    };

    public static bool Outranks(Indication indication, SubIndication subIndication, Indication current, SubIndication currentSub)
    {
        var severity = Severity(indication);
        var currentSeverity = Severity(current);
        return severity > currentSeverity
            || (severity == currentSeverity && severity > 0 && Decisiveness(subIndication) < Decisiveness(currentSub));
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

    /// <summary>
    /// Worst signature decides: any TOTAL-FAILED, else any INDETERMINATE, else TOTAL-PASSED; among equals the most decisive.
    /// <see cref="Message"/> is that signature's decisive reason.
    /// </summary>
    internal void Summarize()
    {
        if (Signatures.Count == 0)
        {
            Indication = Indication.TotalFailed;
            SubIndication = SubIndication.FormatFailure;
            Message = Findings.Count > 0 ? ValidationMessages.Explain(Findings[0], SubIndication.FormatFailure) : "Belgede imza bulunamadı.";
            return;
        }

        SignatureReport? worst = null;
        foreach (var s in Signatures)
        {
            if (s.Indication != Indication.TotalPassed && (worst is null || Verdicts.Outranks(s.Indication, s.SubIndication, worst.Indication, worst.SubIndication)))
            {
                worst = s;
            }
        }

        Indication = worst?.Indication ?? Indication.TotalPassed;
        SubIndication = worst?.SubIndication ?? SubIndication.None;
        Message = worst is null ? ValidationMessages.For(SubIndication.None) : worst.Reason;
        if (Indication != Indication.TotalFailed && Attachments.FirstOrDefault(a => a.Status != AttachmentStatus.Match) is { } bad)
        {
            Indication = Indication.TotalFailed;
            SubIndication = SubIndication.HashFailure;
            Message = bad.Message;
        }
    }
}
