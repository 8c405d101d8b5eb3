using System.Formats.Asn1;

namespace Mys.Signing.Signatures.Tsp;

/// <summary>
/// The genTime of an RFC 3161 token, read straight from its encoding (ContentInfo → SignedData → encapContentInfo →
/// TSTInfo): the time-stamp client has already parsed and checked the token, so completing a signature does not build
/// BouncyCastle's CMS and TSTInfo objects a second time only for this one field.
/// </summary>
public static class TimeStampTokenTime
{
    /// <exception cref="AsnContentException">The token is not a ContentInfo holding SignedData with a TSTInfo.</exception>
    public static DateTimeOffset Read(ReadOnlyMemory<byte> token)
    {
        // BER: a TSA may send indefinite lengths or a constructed eContent.
        var contentInfo = new AsnReader(token, AsnEncodingRules.BER).ReadSequence();
        contentInfo.ReadObjectIdentifier();
        var signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
        signedData.ReadInteger(); // version
        signedData.ReadSetOf(); // digestAlgorithms
        var encapsulated = signedData.ReadSequence();
        encapsulated.ReadObjectIdentifier(); // id-ct-TSTInfo
        var tstInfoBytes = encapsulated.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadOctetString();
        var tstInfo = new AsnReader(tstInfoBytes, AsnEncodingRules.BER).ReadSequence();
        tstInfo.ReadInteger(); // version
        tstInfo.ReadObjectIdentifier(); // policy
        tstInfo.ReadSequence(); // messageImprint
        tstInfo.ReadInteger(); // serialNumber
        return tstInfo.ReadGeneralizedTime();
    }
}
