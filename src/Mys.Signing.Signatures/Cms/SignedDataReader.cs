using Org.BouncyCastle.Cms;

namespace Mys.Signing.Signatures.Cms;

/// <summary>
/// Reads a CMS SignedData from a signature block that may carry bytes after the DER object: a PDF's /Contents is
/// zero-padded to the size reserved for it. BouncyCastle 2's byte-array constructors reject anything after the object,
/// its stream constructor reads the first object only, as BouncyCastle 1.8 did for both.
/// </summary>
public static class SignedDataReader
{
    /// <exception cref="CmsException">The block does not start with a CMS ContentInfo holding SignedData.</exception>
    public static CmsSignedData Read(byte[] block)
    {
        ArgumentNullException.ThrowIfNull(block);
        using var stream = new MemoryStream(block, writable: false);
        return new CmsSignedData(stream);
    }
}
