using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>
/// What an ordinary attachment's content must pass, by what it turned out to be, before it is stored: an XML parsed
/// safely, an image's declared size within what decoding may take, a PDF that is no polyglot. The store's own checks
/// (type, size, unsafe PDF) come on top.
/// </summary>
public static class AttachmentIntake
{
    public static AttachmentContentCheck? CheckFor(ContentKind kind) => kind switch
    {
        ContentKind.Xml => new XmlAttachmentCheck(),
        ContentKind.Png => new ImageSizeCheck(ImageKind.Png),
        ContentKind.Jpeg => new ImageSizeCheck(ImageKind.Jpeg),
        ContentKind.Tiff => new ImageSizeCheck(ImageKind.Tiff),
        ContentKind.Pdf => new PdfPolyglotCheck(),
        _ => null,
    };
}
