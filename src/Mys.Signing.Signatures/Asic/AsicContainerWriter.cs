using System.IO.Compression;
using System.Security.Cryptography;
using Mys.Signing.Signatures.Cades;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Asic;

/// <summary>The system's own signing key (the seal certificate), used server-side to sign bundles.</summary>
public interface ISealSigner
{
    byte[] Certificate { get; }

    IReadOnlyList<byte[]> Chain { get; }

    byte[] SignDigest(byte[] dataToSign, HashAlgorithmName hashAlgorithm);
}

/// <summary>
/// Where the seal's CAdES gets its long-term validation data (CAdES-LT): OCSP/CRL answers for the seal certificate,
/// its CAs and the time-stamp's TSA, with paths up to <see cref="TrustAnchors"/>. With <see cref="CollectOnce"/> a writer
/// collects them once per seal and TSA certificate and reuses them for every later container (an export's many bundles).
/// </summary>
public sealed record SealValidationData(IRevocationDataClient Revocation, IReadOnlyList<byte[]> TrustAnchors, bool CollectOnce = false);

/// <summary>A file to put into a container; opened when it is written (so nothing is buffered whole).</summary>
public sealed record AsicFile(string Name, string MediaType, Func<CancellationToken, Task<Stream>> Open)
{
    public static AsicFile FromBytes(string name, string mediaType, byte[] content) =>
        new(name, mediaType, _ => Task.FromResult<Stream>(new MemoryStream(content, writable: false)));
}

/// <summary>
/// Writes an ASiC-E container: <c>mimetype</c> first and stored, the data files (hashed while copied), then the
/// manifest and the seal's CAdES (B-T when a TSA is configured; B-LT with <paramref name="longTerm"/>) over the manifest.
/// </summary>
public sealed class AsicContainerWriter(CadesService cades, ISealSigner seal, SealValidationData? longTerm = null)
{
    private readonly CadesExtender? _extender = longTerm is null ? null : new CadesExtender(longTerm.Revocation) { ReuseCollectedData = longTerm.CollectOnce };

    public async Task<SignatureResult<IReadOnlyList<AsicDataObject>>> WriteAsync(Stream output, IEnumerable<AsicFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(files);
        var listed = new List<AsicDataObject>();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var mimetype = zip.CreateEntry("mimetype", CompressionLevel.NoCompression);
            await using (var stream = await mimetype.OpenAsync(cancellationToken))
            {
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(AsicManifest.MimeType), cancellationToken);
            }

            foreach (var file in files)
            {
                if (file.Name.StartsWith("META-INF/", StringComparison.Ordinal) || file.Name == "mimetype" || listed.Any(l => l.Name == file.Name))
                {
                    throw new ArgumentException($"'{file.Name}' cannot be a data file name in the container.", nameof(files));
                }

                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using (var source = await file.Open(cancellationToken))
                {
                    var buffer = new byte[ProbeSize];
                    var read = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
                    var entry = zip.CreateEntry(file.Name, CompressionFor(file.MediaType, buffer.AsSpan(0, read)));
                    await using var target = await entry.OpenAsync(cancellationToken);
                    while (read > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        read = await source.ReadAsync(buffer, cancellationToken);
                    }
                }

                listed.Add(new AsicDataObject(file.Name, file.MediaType, hash.GetHashAndReset()));
            }

            var manifest = AsicManifest.Write(listed);
            var prepared = cades.Prepare(CadesPrepareRequest.ForContent(manifest, seal.Certificate, seal.Chain));
            var signature = await cades.CompleteAsync(prepared, seal.SignDigest(prepared.DataToSign, prepared.Digest.Name()), cancellationToken);
            if (signature.IsSuccess && longTerm is not null)
            {
                signature = await _extender!.AddValidationDataAsync(signature.Value, longTerm.TrustAnchors, cancellationToken);
            }

            if (!signature.IsSuccess)
            {
                return SignatureResult<IReadOnlyList<AsicDataObject>>.Failure(signature.Error!);
            }

            await WriteEntryAsync(zip, AsicManifest.Path, manifest, cancellationToken);
            await WriteEntryAsync(zip, AsicManifest.SignaturePath, signature.Value, cancellationToken);
        }

        return SignatureResult<IReadOnlyList<AsicDataObject>>.Success(listed);
    }

    private const int ProbeSize = 64 * 1024;

    /// <summary>
    /// Images and archives are compressed already and text compresses well; anything else (PDFs above all: scans hold
    /// compressed images, our own ÖEB PDF has plain content streams) is judged by its first 64 KiB. Deflating what does not
    /// shrink costs more CPU than the rest of a bundle together, so such files are stored.
    /// </summary>
    public static CompressionLevel CompressionFor(string mediaType, ReadOnlySpan<byte> start)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        var type = mediaType.Split(';', 2)[0].Trim();
        if (type.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/zip", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/vnd.etsi.asic", StringComparison.OrdinalIgnoreCase))
        {
            return CompressionLevel.NoCompression;
        }

        if (type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || type.EndsWith("xml", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return CompressionLevel.Optimal;
        }

        using var probe = new MemoryStream(start.Length);
        using (var deflate = new DeflateStream(probe, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(start);
        }

        return probe.Length < start.Length * 0.9 ? CompressionLevel.Fastest : CompressionLevel.NoCompression;
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var stream = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }
}
