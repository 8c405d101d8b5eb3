using System.Security.Cryptography;
using Mys.Signing.Signatures.Pdf;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// The one validator for signing, acceptance, the public verification page and the CLI: PAdES (every signature, every
/// revision), document time-stamps and detached CAdES. Verdicts follow ETSI EN 319 102-1.
/// </summary>
public sealed class SignatureValidator
{
    private readonly ValidationOptions options;
    private readonly IRevocationDataClient revocationClient;
    private readonly TimeProvider time;
    private readonly ValidationCaches _caches;
    private readonly CertificatePathBuilder _paths;
    private readonly CmsSignatureChecker _cmsChecker;

    /// <param name="caches">What it remembers between documents (one instance per process, from DI); null: its own.</param>
    public SignatureValidator(ValidationOptions options, IRevocationDataClient revocationClient, TimeProvider time, ValidationCaches? caches = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        (this.options, this.revocationClient, this.time) = (options, revocationClient, time);
        _caches = caches ?? new ValidationCaches();
        _paths = new CertificatePathBuilder(options.TrustAnchors, _caches);
        _cmsChecker = new CmsSignatureChecker(_caches);
    }

    /// <summary>Validates a detached CAdES signature over <paramref name="content"/>.</summary>
    public Task<ValidationReport> ValidateCadesAsync(byte[] cms, byte[] content, CancellationToken cancellationToken = default) =>
        ValidateCadesAsync(cms, alg => Hash(alg, content), cancellationToken);

    /// <summary>
    /// Validates a detached CAdES signature given a way to hash the content (for large files); the names passed are those of
    /// <see cref="Common.DigestFunction"/> (which can compute them all).
    /// </summary>
    public async Task<ValidationReport> ValidateCadesAsync(byte[] cms, Func<HashAlgorithmName, byte[]> contentDigest, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var report = await ValidateCadesCoreAsync(cms, contentDigest, cancellationToken);
        Diagnostics.SigningMetrics.VerificationCompleted("CAdES", MetricName(report.Indication), System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return report;
    }

    private async Task<ValidationReport> ValidateCadesCoreAsync(byte[] cms, Func<HashAlgorithmName, byte[]> contentDigest, CancellationToken cancellationToken)
    {
        var report = new ValidationReport { ValidationTime = time.GetUtcNow() };
        var signature = new SignatureReport { Kind = "CAdES" };
        await ValidateCmsAsync(cms, CmsContentMode.Detached, contentDigest, signature, DssContent.Empty, null, NewRevocationChecker(), cancellationToken);
        report.Signatures.Add(signature);
        report.Summarize();
        return report;
    }

    /// <summary>Validates every signature and document time-stamp in a PDF, including what later revisions changed.</summary>
    public Task<ValidationReport> ValidatePdfAsync(byte[] pdf, CancellationToken cancellationToken = default) =>
        ValidatePdfAsync(pdf, null, cancellationToken);

    /// <summary>
    /// As <see cref="ValidatePdfAsync(byte[], CancellationToken)"/>, and compares attachment files (file name → SHA-256 hex, computed by
    /// the caller while streaming them) with the attachments table signed in the first signed revision.
    /// </summary>
    public async Task<ValidationReport> ValidatePdfAsync(byte[] pdf, IReadOnlyDictionary<string, string>? attachmentSha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var report = await ValidatePdfCoreAsync(pdf, attachmentSha256, cancellationToken);
        Diagnostics.SigningMetrics.VerificationCompleted("PAdES", MetricName(report.Indication), System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return report;
    }

    private async Task<ValidationReport> ValidatePdfCoreAsync(byte[] pdf, IReadOnlyDictionary<string, string>? attachmentSha256, CancellationToken cancellationToken)
    {
        var report = new ValidationReport { ValidationTime = time.GetUtcNow() };
        PdfFile file;
        IReadOnlyList<PdfSignatureInfo> signatures;
        DssContent dss;
        try
        {
            file = PdfFile.Load(pdf);
            signatures = PdfSignatureInfo.Read(file);
            dss = PdfDss.Read(file);
        }
        catch (PdfFormatException ex)
        {
            return Unreadable(report, ex);
        }

        var revisionEnds = PdfByteRangeCheck.RevisionEnds(pdf);
        // One per document: each /DSS response and CRL is then parsed once for all its certificates and signatures.
        var revocation = NewRevocationChecker();
        var signedEnds = signatures.Where(i => i.ByteRange.Length == 4).Select(i => i.SignedEnd).ToList();
        PdfModificationAnalysis? modifications = null;
        string? historyError = null;
        try
        {
            modifications = new PdfModificationAnalysis(PdfRevisionHistory.Read(pdf, signedEnds.Count == 0 ? pdf.Length : signedEnds.Min()));
        }
        catch (Exception ex) when (PdfReadErrors.Is(ex))
        {
            historyError = ex.Message;
        }

        if (signatures.Count == 0)
        {
            // Say why nothing was found: a cut-off or rebuilt file is a different story from an unsigned one.
            if (modifications?.Tail is { } tail)
            {
                report.Findings.Add(tail.ToString());
            }
            else if (historyError is not null || file.IsReconstructed)
            {
                report.Findings.Add("PDF_UNREADABLE: cross-reference table rebuilt; " + (historyError ?? string.Join("; ", file.Repairs)));
            }

            report.Findings.Add("NO_SIGNATURE");
        }

        foreach (var info in signatures)
        {
            var signature = new SignatureReport { Kind = info.IsDocumentTimeStamp ? "DocTimeStamp" : "PAdES", FieldName = info.FieldName, ClaimedSigningTime = info.SigningTime };
            signature.Role = Rendering.SignerFields.RoleTitle(info.FieldName);
            report.Signatures.Add(signature);
            if (!PdfByteRangeCheck.Check(pdf, info, revisionEnds, signature))
            {
                continue;
            }

            signature.CoversWholeDocument = info.SignedEnd == pdf.Length;
            Func<HashAlgorithmName, byte[]> digest = alg => PdfByteRangeCheck.Digest(pdf, info.ByteRange, alg);
            if (info.IsDocumentTimeStamp)
            {
                ValidateDocumentTimeStamp(info, digest, signature);
            }
            else if (CmsContentModes.FromSubFilter(info.SubFilter) is not { } mode)
            {
                // A legitimate legacy format we do not verify is undecided; anything else is not a PDF signature format at all.
                if (string.Equals(info.SubFilter, "adbe.x509.rsa_sha1", StringComparison.Ordinal))
                {
                    signature.Fail(Indication.Indeterminate, SubIndication.SigConstraintsFailure, "SUBFILTER_UNSUPPORTED: " + info.SubFilter);
                }
                else
                {
                    signature.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "SUBFILTER_UNSUPPORTED: " + info.SubFilter);
                }
            }
            else
            {
                await ValidateCmsAsync(info.Contents, mode, digest, signature, dss, info.SigningTime, revocation, cancellationToken);
            }

            try
            {
                if (modifications is null)
                {
                    throw new PdfFormatException(historyError ?? "revision history unreadable");
                }

                modifications.Apply(info, signature);
            }
            catch (Exception ex) when (PdfReadErrors.Is(ex))
            {
                // A revision we cannot read cannot be shown to contain only permitted changes.
                signature.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "PDF_UNREADABLE: revision after signing: " + ex.Message,
                    "İmzadan sonraki belge sürümü okunamadı; yalnızca izin verilen değişiklikler yapıldığı gösterilemiyor.");
            }
        }

        DetermineLevels(report, signatures, dss);
        if (attachmentSha256 is not null)
        {
            var firstSigned = signatures.Where(i => i.ByteRange.Length == 4).Select(i => i.SignedEnd).DefaultIfEmpty(pdf.Length).Min();
            IReadOnlyList<Rendering.AttachmentRow> listed;
            try
            {
                listed = Rendering.AttachmentManifest.Read(firstSigned < pdf.Length ? PdfFile.Load(pdf[..(int)firstSigned]) : file);
            }
            catch (PdfFormatException ex)
            {
                // Without a readable signed table no file can be shown to match: each one is reported as not listed.
                report.Findings.Add("ATTACHMENT_TABLE_UNREADABLE: " + ex.Reason);
                listed = [];
            }

            foreach (var attachment in AttachmentCheck.Compare(listed, attachmentSha256))
            {
                report.Attachments.Add(attachment);
            }
        }

        report.Summarize();
        return report;
    }

    /// <summary>
    /// A file the PDF reader rejects: malformed is TOTAL-FAILED/FORMAT_FAILURE; encryption it cannot open (a user password,
    /// a public-key handler) is INDETERMINATE — the signatures may be fine, they just cannot be reached.
    /// </summary>
    private static ValidationReport Unreadable(ValidationReport report, PdfFormatException ex)
    {
        var encrypted = ex.Reason == PdfFormatReasons.EncryptedUnsupported;
        report.Findings.Add(encrypted ? "PDF_ENCRYPTED_UNSUPPORTED" : "PDF_UNREADABLE: " + ex.Reason);
        report.Summarize();
        if (encrypted)
        {
            report.Indication = Indication.Indeterminate;
            report.SubIndication = SubIndication.None;
            report.Message = "Belge şifreli ve bu şifreleme açılamıyor (parola veya sertifika gerekiyor); imzalar doğrulanamadı.";
        }

        return report;
    }

    private async Task ValidateCmsAsync(byte[] cms, CmsContentMode mode, Func<HashAlgorithmName, byte[]> contentDigest, SignatureReport report, DssContent dss,
        DateTimeOffset? claimedTime, RevocationChecker revocation, CancellationToken cancellationToken)
    {
        var facts = _cmsChecker.Check(cms, mode, contentDigest, report, out var parsedToken);
        if (facts is null)
        {
            return;
        }

        var cert = facts.SignerCertificate;
        report.SignerName = CertificateProfile.CommonName(cert);
        report.Tckn = CertificateProfile.Tckn(cert);
        report.Qualified = CertificateProfile.IsQualified(cert);
        report.NonRepudiation = CertificateProfile.HasNonRepudiation(cert);
        report.ClaimedSigningTime ??= facts.ClaimedTime ?? claimedTime;

        if (!facts.Embedded.IsEmpty)
        {
            // CAdES-LT: the signature carries its own validation data, used like /DSS (before any network source).
            dss = new DssContent([.. dss.Certificates, .. facts.Embedded.Certificates], [.. dss.OcspResponses, .. facts.Embedded.OcspResponses],
                [.. dss.Crls, .. facts.Embedded.Crls]);
        }

        var pool = facts.Certificates.Concat(dss.Certificates.Select(_cmsChecker.ReadCertificate)).ToList();
        DateTimeOffset? poe = null;
        if (facts.TimeStampToken is not null)
        {
            var stamp = _cmsChecker.CheckTimeStamp(facts.TimeStampToken, alg => Hash(alg, facts.SignatureValue), report, parsedToken);
            if (stamp is { } s && _paths.Build(s.TsaCertificate, s.Certificates.Concat(pool)) is not null)
            {
                poe = s.Time;
                report.TimeStampTime = s.Time;
                report.Level = "B-T";
            }
            else if (stamp is not null)
            {
                report.Findings.Add("TIMESTAMP_UNTRUSTED");
            }
        }

        await CheckCertificateAsync(cert, pool, dss, poe, report, revocation, cancellationToken);
        if (report.Level == "B-T" && facts.Embedded.OcspResponses.Count + facts.Embedded.Crls.Count > 0)
        {
            report.Level = "B-LT";
        }
    }

    /// <summary>
    /// Checks a signing certificate before prepare (the bridge reported it): path to an anchor, validity now, revocation,
    /// qualified status and nonRepudiation. The caller compares <see cref="SignatureReport.Tckn"/> with the user's TCKN.
    /// </summary>
    public async Task<SignatureReport> CheckSigningCertificateAsync(byte[] certificateDer, IEnumerable<byte[]> chainDer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainDer);
        var parser = new X509CertificateParser();
        var cert = parser.ReadCertificate(certificateDer);
        var report = new SignatureReport
        {
            Kind = "Certificate",
            SignerName = CertificateProfile.CommonName(cert),
            Tckn = CertificateProfile.Tckn(cert),
            Qualified = CertificateProfile.IsQualified(cert),
            NonRepudiation = CertificateProfile.HasNonRepudiation(cert),
        };
        // At prepare time "now" is a fact, not a claim: treat it as proven so expiry and revocation are definite failures.
        await CheckCertificateAsync(cert, chainDer.Select(parser.ReadCertificate).ToList(), DssContent.Empty, time.GetUtcNow(), report, NewRevocationChecker(), cancellationToken);
        return report;
    }

    private RevocationChecker NewRevocationChecker() => new(revocationClient, _caches);

    private async Task CheckCertificateAsync(BcCertificate cert, List<BcCertificate> pool, DssContent dss, DateTimeOffset? poe, SignatureReport report,
        RevocationChecker revocation, CancellationToken cancellationToken)
    {
        var validationTime = poe ?? time.GetUtcNow();
        var path = _paths.Build(cert, pool);
        if (path is null)
        {
            report.Fail(Indication.Indeterminate, SubIndication.NoCertificateChainFound, "CHAIN_NOT_TRUSTED: " + cert.IssuerDN);
            return;
        }

        foreach (var c in path)
        {
            report.Chain.Add(CertificateProfile.Summary(c));
        }

        if (validationTime.UtcDateTime < cert.NotBefore)
        {
            report.Fail(Indication.TotalFailed, SubIndication.NotYetValid, "CERTIFICATE_NOT_YET_VALID");
        }
        else if (validationTime.UtcDateTime > cert.NotAfter)
        {
            report.Fail(poe is null ? Indication.Indeterminate : Indication.TotalFailed, poe is null ? SubIndication.OutOfBoundsNoPoe : SubIndication.Expired,
                "CERTIFICATE_EXPIRED");
        }

        if (path.Count > 1)
        {
            await CheckRevocationAsync(revocation, cert, path[1], dss, poe, validationTime, report, cancellationToken);
        }

        await CheckCaRevocationAsync(revocation, path, dss, validationTime, report, cancellationToken);

        if (options.RequireQualified && !report.Qualified)
        {
            report.Fail(Indication.Indeterminate, SubIndication.ChainConstraintsFailure, "NOT_QUALIFIED");
        }

        if (options.RequireNonRepudiation && !report.NonRepudiation)
        {
            report.Fail(Indication.Indeterminate, SubIndication.ChainConstraintsFailure, "KEY_USAGE_NON_REPUDIATION_MISSING");
        }
    }

    /// <summary>Intermediate CAs (not the anchor) must not be revoked either; their status comes from CRLs (or OCSP) too.</summary>
    private static async Task CheckCaRevocationAsync(RevocationChecker checker, IReadOnlyList<BcCertificate> path, DssContent dss, DateTimeOffset validationTime,
        SignatureReport report, CancellationToken cancellationToken)
    {
        for (var i = 1; i + 1 < path.Count; i++)
        {
            var status = await checker.CheckAsync(path[i], path[i + 1], dss.OcspResponses, dss.Crls, cancellationToken);
            if (status is null)
            {
                report.Fail(Indication.Indeterminate, SubIndication.TryLater, "CA_REVOCATION_DATA_UNAVAILABLE: " + path[i].SubjectDN);
            }
            else if (status.Status == "REVOKED" && status.RevokedAt <= validationTime)
            {
                report.Fail(Indication.Indeterminate, SubIndication.RevokedNoPoe, "CA_CERTIFICATE_REVOKED: " + path[i].SubjectDN);
            }
        }
    }

    private static async Task CheckRevocationAsync(RevocationChecker checker, BcCertificate cert, BcCertificate issuer, DssContent dss, DateTimeOffset? poe,
        DateTimeOffset validationTime, SignatureReport report, CancellationToken cancellationToken)
    {
        var status = await checker.CheckAsync(cert, issuer, dss.OcspResponses, dss.Crls, cancellationToken);
        report.Revocation = status;
        switch (status?.Status)
        {
            case null:
                report.Fail(Indication.Indeterminate, SubIndication.TryLater, "REVOCATION_DATA_UNAVAILABLE");
                break;
            case "UNKNOWN":
                report.Fail(Indication.Indeterminate, SubIndication.TryLater, "REVOCATION_STATUS_UNKNOWN");
                break;
            case "REVOKED" when status.RevokedAt <= validationTime:
                report.Fail(poe is null ? Indication.Indeterminate : Indication.TotalFailed, poe is null ? SubIndication.RevokedNoPoe : SubIndication.Revoked,
                    "CERTIFICATE_REVOKED");
                break;
            case "REVOKED":
                report.Findings.Add("REVOKED_AFTER_SIGNING");
                break;
            default:
                break;
        }
    }

    private void ValidateDocumentTimeStamp(PdfSignatureInfo info, Func<HashAlgorithmName, byte[]> digest, SignatureReport report)
    {
        var stamp = _cmsChecker.CheckTimeStamp(info.Contents, digest, report);
        if (stamp is not { } s)
        {
            report.Fail(Indication.TotalFailed, SubIndication.HashFailure, "DOCUMENT_TIMESTAMP_INVALID");
            return;
        }

        report.TimeStampTime = s.Time;
        report.SignerName = CertificateProfile.CommonName(s.TsaCertificate);
        report.Level = "B-LTA";
        if (_paths.Build(s.TsaCertificate, s.Certificates) is null)
        {
            report.Fail(Indication.Indeterminate, SubIndication.NoCertificateChainFound, "TSA_CHAIN_NOT_TRUSTED");
        }
    }

    private static void DetermineLevels(ValidationReport report, IReadOnlyList<PdfSignatureInfo> infos, DssContent dss)
    {
        var hasRevocationData = dss.OcspResponses.Count > 0 || dss.Crls.Count > 0;
        for (var i = 0; i < infos.Count; i++)
        {
            var signature = report.Signatures[i];
            if (infos[i].IsDocumentTimeStamp || signature.Level != "B-T" || !hasRevocationData)
            {
                continue;
            }

            signature.Level = "B-LT";
            var end = infos[i].SignedEnd;
            if (infos.Skip(i + 1).Any(o => o.IsDocumentTimeStamp && o.SignedEnd > end))
            {
                signature.Level = "B-LTA";
            }
        }
    }

    private static byte[] Hash(HashAlgorithmName algorithm, byte[] data) => Common.DigestFunction.Named(algorithm).Compute(data);

    /// <summary>The indication's ETSI name, as the verification metric is tagged.</summary>
    private static string MetricName(Indication indication) => indication switch
    {
        Indication.TotalPassed => "TOTAL-PASSED",
        Indication.TotalFailed => "TOTAL-FAILED",
        _ => "INDETERMINATE",
    };
}
