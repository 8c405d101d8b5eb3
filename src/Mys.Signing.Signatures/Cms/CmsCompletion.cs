using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Tsp;

namespace Mys.Signing.Signatures.Cms;

/// <summary>Shared second phase of PAdES and CAdES: verify the card's value, time-stamp it, assemble the CMS.</summary>
internal static class CmsCompletion
{
    public static async Task<SignatureResult<(byte[] Cms, DateTimeOffset? TimeStampTime)>> BuildAsync(byte[] signedAttributes, byte[] dataToSign,
        byte[] signatureValue, byte[] signerCertificate, IEnumerable<byte[]> chain, DigestAlgorithm digest, SignatureLevel level,
        ITimeStampClient? timeStampClient, CancellationToken cancellationToken)
    {
        var normalized = RawSignature.VerifyAndNormalize(signerCertificate, dataToSign, digest.Name(), signatureValue);
        if (normalized is null)
        {
            return SignatureResult<(byte[], DateTimeOffset?)>.Failure(SignatureErrors.BadSignatureValue);
        }

        byte[]? token = null;
        DateTimeOffset? tokenTime = null;
        if (level >= SignatureLevel.BaselineT)
        {
            if (timeStampClient is null)
            {
                return SignatureResult<(byte[], DateTimeOffset?)>.Failure(SignatureErrors.TimeStampNotConfigured);
            }

            var stamped = await timeStampClient.GetTokenAsync(digest.Hash(normalized), digest, cancellationToken);
            if (!stamped.IsSuccess)
            {
                return SignatureResult<(byte[], DateTimeOffset?)>.Failure(stamped.Error!);
            }

            token = stamped.Value;
            tokenTime = TimeStampTokenTime.Read(token);
        }

        var cms = CmsAssembler.Assemble(signedAttributes, normalized, signerCertificate, chain, digest, token);
        return SignatureResult<(byte[], DateTimeOffset?)>.Success((cms, tokenTime));
    }
}
