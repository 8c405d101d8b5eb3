using System.IO.Compression;
using System.Security.Cryptography;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Asic;

/// <summary>
/// Validates an ASiC-E container with the one validator: the container's shape (<c>mimetype</c> first and stored),
/// the manifest's CAdES signature, every listed file's SHA-256, no unlisted file, and each signed PDF or
/// <c>NAME.p7s</c> inside. The verdict is the worst of all. The manifest is sealed by the system (an e-seal,
/// not a person's NES), so it is checked by <paramref name="sealValidator"/>, whose policy does not ask for the
/// NES QC statements; the people's signatures inside are checked by <paramref name="validator"/>.
/// </summary>
public sealed class AsicContainerValidator(SignatureValidator validator, SignatureValidator sealValidator, TimeProvider time)
{
    /// <summary>The validation policy for the system seal: the same trust anchors, no NES-only requirements.</summary>
    public static ValidationOptions SealOptions(ValidationOptions signerOptions)
    {
        ArgumentNullException.ThrowIfNull(signerOptions);
        var seal = new ValidationOptions { RequireQualified = false, RequireNonRepudiation = false };
        foreach (var anchor in signerOptions.TrustAnchors)
        {
            seal.TrustAnchors.Add(anchor);
        }

        return seal;
    }

    public async Task<ValidationReport> ValidateAsync(Stream container, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(container, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return Failed(SubIndication.FormatFailure, "Dosya bir ASiC-E (ZIP) kabı değil.");
        }

        using (zip)
        {
            var first = zip.Entries.FirstOrDefault();
            if (first is not { FullName: "mimetype" } || first.CompressedLength != first.Length
                || await ReadTextAsync(first, cancellationToken) != AsicManifest.MimeType)
            {
                return Failed(SubIndication.FormatFailure, "Kabın ilk dosyası sıkıştırılmamış 'mimetype' (application/vnd.etsi.asic-e+zip) değil.");
            }

            var manifestEntry = zip.GetEntry(AsicManifest.Path);
            var signatureEntry = zip.GetEntry(AsicManifest.SignaturePath);
            if (manifestEntry is null || signatureEntry is null)
            {
                return Failed(SubIndication.FormatFailure, "Kapta manifesto veya imza dosyası yok.");
            }

            var manifest = await ReadAllAsync(manifestEntry, cancellationToken);
            var report = await sealValidator.ValidateCadesAsync(await ReadAllAsync(signatureEntry, cancellationToken), manifest, cancellationToken);
            foreach (var signature in report.Signatures)
            {
                signature.FieldName ??= AsicManifest.SignaturePath;
            }

            var listed = AsicManifest.Read(manifest);
            if (listed is null)
            {
                Worsen(report, Indication.TotalFailed, SubIndication.FormatFailure, "Manifesto okunamadı.");
                return report;
            }

            await CheckFilesAsync(zip, listed, report, cancellationToken);
            return report;
        }
    }

    private async Task CheckFilesAsync(ZipArchive zip, IReadOnlyList<AsicDataObject> listed, ValidationReport report, CancellationToken cancellationToken)
    {
        foreach (var item in listed)
        {
            var entry = zip.GetEntry(item.Name);
            if (entry is null)
            {
                Worsen(report, Indication.TotalFailed, SubIndication.HashFailure, $"Manifestoda olan '{item.Name}' kapta yok.");
                continue;
            }

            var bytes = await ReadAllAsync(entry, cancellationToken);
            if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(item.Sha256))
            {
                Worsen(report, Indication.TotalFailed, SubIndication.HashFailure, $"'{item.Name}' değiştirilmiş: özeti manifestodakiyle uyuşmuyor.");
                continue;
            }

            report.Findings.Add($"'{item.Name}': özet doğru.");
            await ValidateInnerSignaturesAsync(zip, item, bytes, report, cancellationToken);
        }

        var names = listed.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in zip.Entries.Where(e => e.FullName != "mimetype" && !e.FullName.StartsWith("META-INF/", StringComparison.Ordinal) && !names.Contains(e.FullName)))
        {
            Worsen(report, Indication.TotalFailed, SubIndication.FormatFailure, $"'{extra.FullName}' manifestoda yok (sonradan eklenmiş).");
        }
    }

    private async Task ValidateInnerSignaturesAsync(ZipArchive zip, AsicDataObject item, byte[] bytes, ValidationReport report, CancellationToken cancellationToken)
    {
        ValidationReport? inner = null;
        if (bytes.AsSpan().StartsWith("%PDF-"u8) && bytes.AsSpan().IndexOf("/ByteRange"u8) >= 0)
        {
            inner = await validator.ValidatePdfAsync(bytes, cancellationToken);
        }
        else if (item.Name.EndsWith(".p7s", StringComparison.Ordinal) && zip.GetEntry(item.Name[..^4]) is { } content)
        {
            inner = await validator.ValidateCadesAsync(bytes, await ReadAllAsync(content, cancellationToken), cancellationToken);
        }

        if (inner is null)
        {
            return;
        }

        foreach (var signature in inner.Signatures)
        {
            signature.FieldName = $"{item.Name}: {signature.FieldName ?? signature.Kind}";
            report.Signatures.Add(signature);
        }

        Worsen(report, inner.Indication, inner.SubIndication, null);
    }

    private static void Worsen(ValidationReport report, Indication indication, SubIndication subIndication, string? finding)
    {
        if (finding is not null)
        {
            report.Findings.Add(finding);
        }

        if (Rank(indication) > Rank(report.Indication))
        {
            report.Indication = indication;
            report.SubIndication = subIndication;
            report.Message = ValidationMessages.For(subIndication);
        }

        static int Rank(Indication i) => i switch { Indication.TotalFailed => 2, Indication.Indeterminate => 1, _ => 0 };
    }

    private ValidationReport Failed(SubIndication subIndication, string finding)
    {
        var report = new ValidationReport { Indication = Indication.TotalFailed, SubIndication = subIndication, Message = ValidationMessages.For(subIndication), ValidationTime = time.GetUtcNow() };
        report.Findings.Add(finding);
        return report;
    }

    private static async Task<byte[]> ReadAllAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        await using var stream = await entry.OpenAsync(cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static async Task<string> ReadTextAsync(ZipArchiveEntry entry, CancellationToken cancellationToken) =>
        System.Text.Encoding.ASCII.GetString(await ReadAllAsync(entry, cancellationToken));
}
