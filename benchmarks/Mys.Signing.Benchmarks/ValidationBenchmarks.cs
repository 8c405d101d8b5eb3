using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// Hashing 100 MiB of attachments (Issue 4 / 6): the machine's SHA-256 speed over one 100 MiB buffer (the floor) against
/// our attachment hash check over 20 × 5 MiB in memory (<see cref="AttachmentHashing"/>: streamed in blocks, one file
/// at a time and the report's parallelism), so the ratio says how close to the floor our code is.
/// Run: dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- --filter '*AttachmentHash*'
/// </summary>
[MemoryDiagnoser]
[InProcess] // the generated out-of-process project cannot restore from the partial NuGet mirror
public class AttachmentHashBenchmarks
{
    internal const int Files = 20;
    internal const int FileSize = 5 * 1024 * 1024;

    private readonly byte[] _all = new byte[Files * FileSize];
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _files = new(StringComparer.Ordinal);

    [GlobalSetup]
    public void Setup()
    {
        new Random(42).NextBytes(_all);
        for (var i = 0; i < Files; i++)
        {
            _files[$"ek-{i:D2}.pdf"] = _all.AsMemory(i * FileSize, FileSize);
        }
    }

    [Benchmark(Baseline = true, Description = "SHA-256, 100 MiB in one buffer (machine floor)")]
    public byte[] RawSha256() => SHA256.HashData(_all);

    [Benchmark(Description = "attachment hash check 20 × 5 MiB, 1 at a time")]
    public Task<IReadOnlyDictionary<string, string>> HashCheckSerial() => AttachmentHashing.HashAllAsync(_files.Keys, HashAsync, 1, default);

    [Benchmark(Description = "attachment hash check 20 × 5 MiB, report parallelism")]
    public Task<IReadOnlyDictionary<string, string>> HashCheckParallel() =>
        AttachmentHashing.HashAllAsync(_files.Keys, HashAsync, AttachmentHashing.DefaultParallelism, default);

    internal Task<byte[]?> HashAsync(string name, CancellationToken ct) => InMemory.Sha256Async(_files[name], ct);

    internal IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Contents => _files;
}

/// <summary>Streams in-memory attachments through <see cref="AttachmentHashing.Sha256Async"/> (a store without the database).</summary>
internal static class InMemory
{
    public static async Task<byte[]?> Sha256Async(ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        // A view of the caller's bytes, no copy.
        var segment = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content, out var s) ? s : new ArraySegment<byte>(content.ToArray());
        await using var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        return await AttachmentHashing.Sha256Async(stream, ct);
    }
}

/// <summary>
/// Validating a two-signature ÖEB (Issue 4): realization officer (RSA-2048) then spending authority, both B-T from
/// the dev PKI's TSA (in-process, no socket), OCSP/CRL answers cached after the first validation
/// (<see cref="CachingRevocationDataClient"/>). The per-signature overhead is (two signatures − one signature);
/// the last case adds our hash check of 20 × 5 MiB attachments listed in the signed PDF.
/// Run: dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- --filter '*PdfValidation*'
/// </summary>
[MemoryDiagnoser]
[InProcess] // the generated out-of-process project cannot restore from the partial NuGet mirror
public class PdfValidationBenchmarks : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mys-bench-validate-").FullName;
    private readonly AttachmentHashBenchmarks _attachments = new();
    private HttpClient _http = null!;
    private SignatureValidator _validator = null!;
    private byte[] _oneSignature = [];
    private byte[] _twoSignatures = [];

    [GlobalSetup]
    public void Setup()
    {
        _attachments.Setup();
        var pki = DevPkiStore.LoadOrCreate(_folder, new DevPkiOptions(), TimeProvider.System);
        _http = new HttpClient(new DevPkiHttpHandler(new DevPkiServices(pki, TimeProvider.System)));
        var tsa = new TimeStampClientOptions { Url = new Uri(pki.TsaUrl) };
        tsa.Headers["X-Dev-Credential"] = "dev";
        var pades = new PadesService(new HttpTimeStampClient(_http, tsa), TimeProvider.System);
        var rows = _attachments.Contents.Select(f => new AttachmentRow("Dekont", "Elektronik", f.Key, f.Value.Length, Convert.ToHexStringLower(SHA256.HashData(f.Value.Span))))
            .ToList();
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder() with { Attachments = rows });
        var persons = pki.Persons.ToList();
        _oneSignature = SignAsync(pades, pki, pdf, SignerFields.RealizationOfficer, persons.First(p => p.KeyType != DevKeyType.EcP256)).GetAwaiter().GetResult();
        _twoSignatures = SignAsync(pades, pki, _oneSignature, SignerFields.SpendingAuthority, persons.Last()).GetAwaiter().GetResult();
        var options = new ValidationOptions();
        options.TrustAnchors.Add(pki.Root.CertificateDer);
        _validator = new SignatureValidator(options, new CachingRevocationDataClient(new HttpRevocationDataClient(_http), TimeProvider.System, TimeSpan.FromHours(1)),
            TimeProvider.System);
        var report = ValidateWithAttachments().GetAwaiter().GetResult();
        Console.WriteLine($"// two-signature ÖEB {_twoSignatures.Length} bytes: {string.Join(", ", report.Signatures.Select(s => $"{s.Level} {s.Indication} {s.Revocation?.Source}"))}; "
                          + $"attachments {report.Attachments.Count(a => a.Status == AttachmentStatus.Match)}/{report.Attachments.Count} match");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http?.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "validate 1 signature (B-T, revocation cached)")]
    public Task<ValidationReport> ValidateOne() => _validator.ValidatePdfAsync(_oneSignature);

    [Benchmark(Description = "validate 2 signatures (B-T, revocation cached)")]
    public Task<ValidationReport> ValidateTwo() => _validator.ValidatePdfAsync(_twoSignatures);

    [Benchmark(Description = "validate 2 signatures + 20 × 5 MiB attachments")]
    public async Task<ValidationReport> ValidateWithAttachments()
    {
        var hashes = await AttachmentHashing.HashAllAsync(_attachments.Contents.Keys, _attachments.HashAsync, AttachmentHashing.DefaultParallelism, default);
        return await _validator.ValidatePdfAsync(_twoSignatures, hashes.ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal));
    }

    private static async Task<byte[]> SignAsync(PadesService pades, DevPkiHierarchy pki, byte[] pdf, string field, DevPkiEntry signer)
    {
        var chain = pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
        var prepared = pades.Prepare(new PadesPrepareRequest(pdf, field, signer.CertificateDer, chain) { Level = SignatureLevel.BaselineT, SignerName = signer.Name }).Value;
        var value = signer.SignDigest(prepared.DataToSign, prepared.Digest.Name());
        return (await pades.CompleteAsync(prepared, value)).Value.Pdf;
    }
}
