using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;

namespace Mys.Signing.DevPki.Pki;

/// <summary>
/// Private-key operations of a dev PKI entry through .NET's (OpenSSL) RSA/ECDSA instead of BouncyCastle's managed
/// arithmetic, which is an order of magnitude slower: the dev TSA and OCSP responder sign once per request and the
/// signing measurements count their CPU. Imported keys are pooled because importing repeats the key's setup each time.
/// </summary>
internal sealed class DevKeySigner(byte[] pkcs8, DevKeyType keyType)
{
    private readonly ConcurrentBag<AsymmetricAlgorithm> _pool = [];

    public DevKeyType KeyType { get; } = keyType;

    /// <summary>RSA PKCS#1 v1.5 over the digest, or ECDSA as r‖s (P1363) or DER (RFC 3279).</summary>
    public byte[] SignHash(byte[] digest, HashAlgorithmName hash, DSASignatureFormat ecFormat = DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
    {
        var key = Rent();
        try
        {
            return key switch
            {
                ECDsa ec => ec.SignHash(digest, ecFormat),
                RSA rsa => rsa.SignHash(digest, hash, RSASignaturePadding.Pkcs1),
                _ => throw new InvalidOperationException("Unexpected key type " + key.GetType()),
            };
        }
        finally
        {
            _pool.Add(key);
        }
    }

    /// <summary>A BouncyCastle signature factory (SHA-256 with this key) for certificate, CRL, OCSP and time-stamp generators.</summary>
    public ISignatureFactory Sha256Factory() => new Factory(this);

    private AsymmetricAlgorithm Rent()
    {
        if (_pool.TryTake(out var key))
        {
            return key;
        }

        if (KeyType is DevKeyType.EcP256 or DevKeyType.EcP384)
        {
            var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            return ec;
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa;
    }

    private sealed class Factory(DevKeySigner signer) : ISignatureFactory
    {
        public object AlgorithmDetails { get; } = signer.KeyType is DevKeyType.EcP256 or DevKeyType.EcP384
            ? new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256)
            : new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance);

        public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(signer);
    }

    private sealed class Calculator(DevKeySigner signer) : IStreamCalculator<IBlockResult>
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public Stream Stream => new HashingStream(_hash);

        public IBlockResult GetResult()
        {
            var digest = _hash.GetHashAndReset();
            _hash.Dispose();
            return new Result(signer.SignHash(digest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    private sealed class Result(byte[] signature) : IBlockResult
    {
        public byte[] Collect() => signature;

        public int Collect(byte[] destination, int offset)
        {
            signature.CopyTo(destination, offset);
            return signature.Length;
        }

        public int Collect(Span<byte> output)
        {
            signature.CopyTo(output);
            return signature.Length;
        }

        public int GetMaxResultLength() => signature.Length;
    }

    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);

        public override void WriteByte(byte value) => hash.AppendData([value]);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
