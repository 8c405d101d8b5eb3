using BenchmarkDotNet.Attributes;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// The server's work per ÖEB, without the card and the network (B-B, no TSA round trip): render the PDF, prepare
/// the first signature, complete it with a signature value (made by the dev key, as the card would). Also the
/// validation of the signed result offline from the CMS alone.
/// Run: dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- --filter '*Signing*'
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mys-bench-pki-").FullName;
    private DevPkiHierarchy _pki = null!;
    private DevPkiEntry _signer = null!;
    private List<byte[]> _chain = null!;
    private PadesService _pades = null!;
    private PaymentOrderPrintModel _model = null!;
    private byte[] _signed = [];
    private SignatureValidator _validator = null!;

    [Params("RSA-2048", "EC P-256")]
    public string Key { get; set; } = "RSA-2048";

    [GlobalSetup]
    public void Setup()
    {
        _pki = DevPkiStore.LoadOrCreate(_folder, new DevPkiOptions(), TimeProvider.System);
        _signer = _pki.Persons.First(p => (p.KeyType == DevKeyType.EcP256) == (Key == "EC P-256"));
        _chain = _pki.ChainFor(_signer).Select(c => c.GetEncoded()).ToList();
        _pades = new PadesService(null, TimeProvider.System);
        _model = DemoPrintModels.PaymentOrder();
        _signed = RenderPrepareCompleteAsync().GetAwaiter().GetResult();
        var options = new ValidationOptions();
        options.TrustAnchors.Add(_pki.Root.CertificateDer);
        _validator = new SignatureValidator(options, new OfflineRevocationDataClient(), TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public byte[] Render() => PaymentOrderRenderer.Render(_model);

    [Benchmark]
    public Task<byte[]> RenderPrepareComplete() => RenderPrepareCompleteAsync();

    [Benchmark]
    public Task<ValidationReport> ValidateOffline() => _validator.ValidatePdfAsync(_signed);

    private async Task<byte[]> RenderPrepareCompleteAsync()
    {
        var pdf = PaymentOrderRenderer.Render(_model);
        var prepared = _pades.Prepare(new PadesPrepareRequest(pdf, SignerFields.RealizationOfficer, _signer.CertificateDer, _chain) { Level = SignatureLevel.BaselineB });
        var value = _signer.SignDigest(prepared.Value.DataToSign, prepared.Value.Digest.Name());
        return (await _pades.CompleteAsync(prepared.Value, value)).Value.Pdf;
    }
}
