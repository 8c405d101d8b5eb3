using System.Security.Cryptography;

namespace Mys.Signing.Signatures.Invoices;

/// <summary>The key type of an XMLDSig SignatureMethod.</summary>
public enum XmlDsigKeyType
{
    Rsa,
    Ecdsa,
}

/// <summary>XMLDSig digest and signature method URIs this project verifies (RSA and ECDSA, SHA-1 and SHA-2).</summary>
public static class XmlDsigAlgorithms
{
    public const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public const string Sha384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
    public const string Sha512 = "http://www.w3.org/2001/04/xmlenc#sha512";

    public const string RsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public const string RsaSha384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
    public const string RsaSha512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
    public const string EcdsaSha1 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1";
    public const string EcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    public const string EcdsaSha384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
    public const string EcdsaSha512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";

    public const string EnvelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    public const string XPath = "http://www.w3.org/TR/1999/REC-xpath-19991116";

    public static HashAlgorithmName? Digest(string? uri) => uri switch
    {
        Sha1 => HashAlgorithmName.SHA1,
        Sha256 => HashAlgorithmName.SHA256,
        Sha384 => HashAlgorithmName.SHA384,
        Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };

    public static (XmlDsigKeyType Key, HashAlgorithmName Hash)? Signature(string? uri) => uri switch
    {
        RsaSha1 => (XmlDsigKeyType.Rsa, HashAlgorithmName.SHA1),
        RsaSha256 => (XmlDsigKeyType.Rsa, HashAlgorithmName.SHA256),
        RsaSha384 => (XmlDsigKeyType.Rsa, HashAlgorithmName.SHA384),
        RsaSha512 => (XmlDsigKeyType.Rsa, HashAlgorithmName.SHA512),
        EcdsaSha1 => (XmlDsigKeyType.Ecdsa, HashAlgorithmName.SHA1),
        EcdsaSha256 => (XmlDsigKeyType.Ecdsa, HashAlgorithmName.SHA256),
        EcdsaSha384 => (XmlDsigKeyType.Ecdsa, HashAlgorithmName.SHA384),
        EcdsaSha512 => (XmlDsigKeyType.Ecdsa, HashAlgorithmName.SHA512),
        _ => null,
    };

    public static byte[] Hash(HashAlgorithmName name, byte[] data) => name.Name switch
    {
#pragma warning disable CA5350 // Verifying what others signed: GİB still accepts SHA-1 digests, so they must be checked, not refused.
        "SHA1" => SHA1.HashData(data),
#pragma warning restore CA5350
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        "SHA512" => SHA512.HashData(data),
        _ => throw new ArgumentException($"Unsupported digest {name.Name}.", nameof(name)),
    };

    /// <summary>"RSA-SHA256", "ECDSA-SHA384".</summary>
    public static string Name(XmlDsigKeyType key, HashAlgorithmName hash) => $"{(key == XmlDsigKeyType.Rsa ? "RSA" : "ECDSA")}-{hash.Name}";
}

/// <summary>
/// An ECDSA SignatureValue: XMLDSig (RFC 4050/6931) requires r‖s, each padded to the curve's size; some issuers write
/// the DER SEQUENCE { r INTEGER, s INTEGER } that X.509 and CMS use instead. Both are recognised.
/// </summary>
public static class EcdsaSignatureValue
{
    /// <summary>True when <paramref name="value"/> is exactly a DER SEQUENCE of two positive INTEGERs and nothing else.</summary>
    public static bool IsDer(ReadOnlySpan<byte> value)
    {
        try
        {
            var reader = new System.Formats.Asn1.AsnReader(value.ToArray(), System.Formats.Asn1.AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var r = sequence.ReadInteger();
            var s = sequence.ReadInteger();
            return !sequence.HasData && !reader.HasData && r.Sign > 0 && s.Sign > 0;
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return false;
        }
    }

    /// <summary>The r‖s form (each half <paramref name="fieldBytes"/> long) of a DER-encoded value; null when it does not fit.</summary>
    public static byte[]? DerToRaw(ReadOnlySpan<byte> der, int fieldBytes)
    {
        if (!IsDer(der))
        {
            return null;
        }

        var sequence = new System.Formats.Asn1.AsnReader(der.ToArray(), System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var raw = new byte[fieldBytes * 2];
        foreach (var offset in new[] { 0, fieldBytes })
        {
            var bytes = sequence.ReadIntegerBytes().Span;
            while (bytes.Length > 0 && bytes[0] == 0)
            {
                bytes = bytes[1..];
            }

            if (bytes.Length > fieldBytes)
            {
                return null;
            }

            bytes.CopyTo(raw.AsSpan(offset + fieldBytes - bytes.Length));
        }

        return raw;
    }
}
