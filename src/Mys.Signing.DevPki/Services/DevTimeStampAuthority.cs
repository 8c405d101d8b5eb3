using System.Security.Cryptography;
using Mys.Signing.DevPki.Pki;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;

namespace Mys.Signing.DevPki.Services;

/// <summary>RFC 3161 time-stamping unit of the dev PKI.</summary>
public sealed class DevTimeStampAuthority(DevPkiHierarchy pki, TimeProvider time)
{
    /// <summary>Dev-only policy OID (example arc); a real TSA has its own.</summary>
    public const string PolicyOid = "1.3.6.1.4.1.99999.1.1";

    public byte[] Respond(byte[] requestDer)
    {
        var signerInfo = new SignerInfoGeneratorBuilder().Build(pki.TimeStamping.SignatureFactory(), pki.TimeStamping.Certificate);
        var generator = new TimeStampTokenGenerator(signerInfo, Asn1DigestFactory.Get(NistObjectIdentifiers.IdSha256), new DerObjectIdentifier(PolicyOid), false);
        generator.SetCertificates(CollectionUtilities.CreateStore(new[] { pki.TimeStamping.Certificate, pki.IssuingCa.Certificate, pki.Root.Certificate }));
        generator.SetAccuracySeconds(1);
        var responder = new TimeStampResponseGenerator(generator, TspAlgorithms.Allowed);
        TimeStampRequest request;
        try
        {
            request = new TimeStampRequest(requestDer);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException)
        {
            return responder.GenerateFailResponse(Org.BouncyCastle.Asn1.Cmp.PkiStatus.Rejection, Org.BouncyCastle.Asn1.Cmp.PkiFailureInfo.BadDataFormat, "bad request").GetEncoded();
        }

        var serial = new BigInteger(1, RandomNumberGenerator.GetBytes(12));
        return responder.Generate(request, serial, time.GetUtcNow().UtcDateTime).GetEncoded();
    }
}
