using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Corpus;

/// <summary>
/// Serves the corpus CAs' CRLs (tests/corpus/pki/*.crl, valid until 2035) for the distribution points in the corpus
/// certificates (http://corpus.invalid/NAME.crl); there is no OCSP responder.
/// </summary>
public sealed class CorpusRevocationDataClient : IRevocationDataClient
{
    public Task<byte[]?> GetOcspResponseAsync(Uri url, byte[] request, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);

    public Task<byte[]?> GetCrlAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = Path.Combine(CorpusManifest.Folder, "pki", Path.GetFileName(url.AbsolutePath));
        return Task.FromResult(url.Host == "corpus.invalid" && File.Exists(path) ? File.ReadAllBytes(path) : null);
    }
}
