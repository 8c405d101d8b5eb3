using System.Xml;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// An XML file uploaded as an ordinary attachment is read once, safely, before it is stored: no DTD (so no entity
/// expansion and no external entity), no resolver, at most <see cref="MaxBytes"/> and <see cref="MaxDepth"/> levels.
/// A file that is not well-formed XML within those limits is refused, so every XML attachment a reviewer or a later
/// parser opens is plain, bounded data.
/// </summary>
public sealed class XmlAttachmentCheck : AttachmentContentCheck
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public const int MaxDepth = 64;

    private byte[] _content = new byte[64 * 1024];
    private int _length;

    public override DomainError? Finish()
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var stream = new MemoryStream(_content, 0, _length, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.Depth > MaxDepth)
                {
                    return new DomainError("XML_TOO_DEEP", $"XML dosyası çok derin iç içe öğeler içeriyor (en fazla {MaxDepth} düzey); eklenemez.");
                }
            }

            return null;
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return new DomainError("XML_DTD", "XML dosyası belge türü tanımı (DTD) veya varlık (ENTITY) tanımı içeriyor; güvenlik nedeniyle eklenemez.");
        }
        catch (XmlException)
        {
            return new DomainError("XML_MALFORMED", "XML dosyası bozuk ya da geçerli bir XML değil; eklenemez.");
        }
    }

    private static DomainError TooLarge => new("XML_TOO_LARGE", $"XML eki en fazla {MaxBytes / (1024 * 1024)} MB olabilir.");

    protected override DomainError? Inspect(ReadOnlySpan<byte> chunk)
    {
        if (_length + chunk.Length > MaxBytes)
        {
            return TooLarge;
        }

        if (_length + chunk.Length > _content.Length)
        {
            Array.Resize(ref _content, Math.Min(MaxBytes, Math.Max(_content.Length * 2, _length + chunk.Length)));
        }

        chunk.CopyTo(_content.AsSpan(_length));
        _length += chunk.Length;
        return null;
    }
}
