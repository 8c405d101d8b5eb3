using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Cms;

namespace Mys.Signing.Signatures.Cms;

/// <summary>
/// Reads a CMS SignedData from a signature block that may carry zero bytes after the DER object: a PDF's /Contents is
/// zero-padded to the size reserved for it. BouncyCastle 2's byte-array constructors reject anything after the object,
/// so the first object is read alone; whatever follows it must be padding (zeros), or the block is refused — bytes
/// hidden beside a signature are not something a verifier should wave through.
/// </summary>
public static class SignedDataReader
{
    /// <exception cref="CmsException">
    /// The block does not start with a CMS ContentInfo holding SignedData, or non-zero bytes follow it.
    /// </exception>
    public static CmsSignedData Read(byte[] block)
    {
        ArgumentNullException.ThrowIfNull(block);
        Asn1Object first;
        int end;
        using (var asn1 = new Asn1InputStream(new MemoryStream(block, writable: false), block.Length))
        {
            try
            {
                first = asn1.ReadObject() ?? throw new CmsException("The signature block is empty.");
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException)
            {
                throw new CmsException("The signature block is not DER: " + e.Message, e);
            }

            // Asn1InputStream reads straight from the underlying stream, so its position is the end of the object.
            end = (int)asn1.Position;
        }

        if (block.AsSpan(end).IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new CmsException($"Non-zero bytes follow the signature at offset {end} of {block.Length}.");
        }

        return FromObject(first);
    }

    /// <summary>A CMS SignedData already read as ASN.1 (e.g. a time-stamp token inside another CMS's unsigned attributes).</summary>
    /// <exception cref="CmsException">The object is not a CMS ContentInfo holding SignedData.</exception>
    internal static CmsSignedData FromObject(Asn1Object contentInfo)
    {
        try
        {
            return new CmsSignedData(ContentInfo.GetInstance(contentInfo));
        }
        catch (ArgumentException e)
        {
            throw new CmsException("The signature block is not a CMS ContentInfo: " + e.Message, e);
        }
    }
}
