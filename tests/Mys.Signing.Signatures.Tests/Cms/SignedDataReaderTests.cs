using Mys.Signing.Signatures.Cms;
using Mys.Signing.Signatures.Tests.Validation;
using Org.BouncyCastle.Cms;

namespace Mys.Signing.Signatures.Tests.Cms;

public sealed class SignedDataReaderTests
{
    [Fact]
    public void A_cms_zero_padded_as_in_a_pdf_contents_string_reads_as_the_cms_alone()
    {
        var cms = TestCmsBuilder.WithoutSigners();
        var padded = new byte[cms.Length + 4096];
        cms.CopyTo(padded, 0);

        // BouncyCastle 2 rejects the padding when given the bytes directly; this is why the reader exists.
        Should.Throw<CmsException>(() => new CmsSignedData(padded));

        SignedDataReader.Read(padded).GetEncoded().ShouldBe(cms);
    }

    [Fact]
    public void Non_zero_bytes_hidden_after_the_cms_in_its_padding_are_refused()
    {
        var cms = TestCmsBuilder.WithoutSigners();
        var padded = new byte[cms.Length + 64];
        cms.CopyTo(padded, 0);
        padded[cms.Length + 10] = 0x41;

        Should.Throw<CmsException>(() => SignedDataReader.Read(padded)).Message.ShouldContain("Non-zero bytes");
    }

    [Fact]
    public void Bytes_that_are_not_a_cms_are_rejected()
    {
        Should.Throw<CmsException>(() => SignedDataReader.Read([0x30, 0x03, 0x02, 0x01, 0x05]));
    }
}
