using System.Buffers;
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

/// <summary>
/// A file to put into a container; opened when it is written (so nothing is buffered whole). <see cref="Compression"/>
/// fixes how it is stored; without it the writer judges by the media type and the file's start (<see cref="AsicContainerWriter.CompressionFor"/>).
/// </summary>
public sealed record AsicFile(string Name, string MediaType, Func<CancellationToken, Task<Stream>> Open)
{
    public CompressionLevel? Compression { get; init; }

    public static AsicFile FromBytes(string name, string mediaType, byte[] content) =>
        new(name, mediaType, _ => Task.FromResult<Stream>(new MemoryStream(content, writable: false)));
}

/// <summary>A container's manifest and the seal's CAdES over it: what makes a list of data files a sealed container.</summary>
public sealed record SealedManifest(byte[] Manifest, byte[] Signature);

/// <summary>
/// Writes an ASiC-E container: <c>mimetype</c> first and stored, the data files (hashed while copied), then the
/// manifest and the seal's CAdES (B-T when a TSA is configured; B-LT with <paramref name="longTerm"/>) over the manifest.
/// The two halves also work apart: <see cref="SealAsync"/> seals a manifest of files whose hashes are known, and
/// <see cref="WriteSealedAsync"/> writes the files with a manifest sealed earlier (an export's prepared package).
/// </summary>
public sealed class AsicContainerWriter(CadesService cades, ISealSigner seal, SealValidationData? longTerm = null)
{
    private readonly CadesExtender? _extender = longTerm is null ? null : new CadesExtender(longTerm.Revocation) { ReuseCollectedData = longTerm.CollectOnce };

    public async Task<SignatureResult<IReadOnlyList<AsicDataObject>>> WriteAsync(Stream output, IEnumerable<AsicFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(files);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var listed = await WriteDataFilesAsync(zip, files, cancellationToken);
        var sealedManifest = await SealAsync(listed, cancellationToken);
        if (!sealedManifest.IsSuccess)
        {
            return SignatureResult<IReadOnlyList<AsicDataObject>>.Failure(sealedManifest.Error!);
        }

        await WriteMetaInfAsync(zip, sealedManifest.Value, cancellationToken);
        return SignatureResult<IReadOnlyList<AsicDataObject>>.Success(listed);
    }

    /// <summary>The manifest listing <paramref name="dataObjects"/> and the seal's CAdES over it.</summary>
    public async Task<SignatureResult<SealedManifest>> SealAsync(IReadOnlyList<AsicDataObject> dataObjects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataObjects);
        var manifest = AsicManifest.Write(dataObjects);
        var prepared = cades.Prepare(CadesPrepareRequest.ForContent(manifest, seal.Certificate, seal.Chain));
        var signature = await cades.CompleteAsync(prepared, seal.SignDigest(prepared.DataToSign, prepared.Digest.Name()), cancellationToken);
        if (signature.IsSuccess && longTerm is not null)
        {
            signature = await _extender!.AddValidationDataAsync(signature.Value, longTerm.TrustAnchors, cancellationToken);
        }

        return signature.IsSuccess
            ? SignatureResult<SealedManifest>.Success(new SealedManifest(manifest, signature.Value))
            : SignatureResult<SealedManifest>.Failure(signature.Error!);
    }

    /// <summary>
    /// Writes a container of <paramref name="files"/> with a manifest sealed earlier. Returns the hashes of what was
    /// written: the caller compares them with the ones sealed (a file that changed since makes the container fail verification).
    /// With <paramref name="modified"/> as every entry's time the same files and seal always give the same bytes.
    /// </summary>
    public static async Task<IReadOnlyList<AsicDataObject>> WriteSealedAsync(Stream output, IEnumerable<AsicFile> files, SealedManifest sealedManifest,
        DateTimeOffset? modified = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(sealedManifest);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var listed = await WriteDataFilesAsync(zip, files, cancellationToken, modified);
        await WriteMetaInfAsync(zip, sealedManifest, cancellationToken, modified);
        return listed;
    }

    private static async Task<List<AsicDataObject>> WriteDataFilesAsync(ZipArchive zip, IEnumerable<AsicFile> files, CancellationToken cancellationToken,
        DateTimeOffset? modified = null)
    {
        var mimetype = Stamp(zip.CreateEntry("mimetype", CompressionLevel.NoCompression), modified);
        await using (var stream = await mimetype.OpenAsync(cancellationToken))
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(AsicManifest.MimeType), cancellationToken);
        }

        var listed = new List<AsicDataObject>();
        var buffer = ArrayPool<byte>.Shared.Rent(ProbeSize);
        try
        {
            foreach (var file in files)
            {
                if (file.Name.StartsWith("META-INF/", StringComparison.Ordinal) || file.Name == "mimetype" || listed.Any(l => l.Name == file.Name))
                {
                    throw new ArgumentException($"'{file.Name}' cannot be a data file name in the container.", nameof(files));
                }

                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using (var source = await file.Open(cancellationToken))
                {
                    var read = await source.ReadAtLeastAsync(buffer.AsMemory(0, ProbeSize), ProbeSize, throwOnEndOfStream: false, cancellationToken);
                    var entry = Stamp(zip.CreateEntry(file.Name, file.Compression ?? CompressionFor(file.MediaType, buffer.AsSpan(0, read))), modified);
                    await using var target = await entry.OpenAsync(cancellationToken);
                    while (read > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        read = await source.ReadAsync(buffer.AsMemory(0, ProbeSize), cancellationToken);
                    }
                }

                listed.Add(new AsicDataObject(file.Name, file.MediaType, hash.GetHashAndReset()));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return listed;
    }

    private static async Task WriteMetaInfAsync(ZipArchive zip, SealedManifest sealedManifest, CancellationToken cancellationToken, DateTimeOffset? modified = null)
    {
        await WriteEntryAsync(zip, AsicManifest.Path, sealedManifest.Manifest, CompressionLevel.Optimal, modified, cancellationToken);
        await WriteEntryAsync(zip, AsicManifest.SignaturePath, sealedManifest.Signature, CompressionLevel.Fastest, modified, cancellationToken);
    }

    private static ZipArchiveEntry Stamp(ZipArchiveEntry entry, DateTimeOffset? modified)
    {
        if (modified is { } time)
        {
            entry.LastWriteTime = time;
        }

        return entry;
    }

    /// <summary>How much of a file's start <see cref="CompressionFor"/> judges.</summary>
    public const int ProbeSize = 64 * 1024;

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

    private static async Task WriteEntryAsync(ZipArchive zip, string name, byte[] bytes, CompressionLevel compression, DateTimeOffset? modified,
        CancellationToken cancellationToken)
    {
        await using var stream = await Stamp(zip.CreateEntry(name, compression), modified).OpenAsync(cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }
}
