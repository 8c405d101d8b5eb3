using System.Text;
using System.Xml;

namespace Mys.Signing.Signatures.Asic;

/// <summary>A file listed in the container's manifest with its SHA-256.</summary>
public sealed record AsicDataObject(string Name, string MediaType, byte[] Sha256);

/// <summary>
/// <c>META-INF/ASiCManifest.xml</c> of an ASiC-E container with CAdES (ETSI EN 319 162-1): it names the signature
/// (<c>META-INF/signature.p7s</c>) and lists every data file with its SHA-256; the signature covers the manifest.
/// </summary>
public static class AsicManifest
{
    public const string Path = "META-INF/ASiCManifest.xml";
    public const string SignaturePath = "META-INF/signature.p7s";
    public const string MimeType = "application/vnd.etsi.asic-e+zip";

    private const string AsicNs = "http://uri.etsi.org/02918/v1.2.1#";
    private const string DsNs = "http://www.w3.org/2000/09/xmldsig#";
    private const string Sha256Uri = "http://www.w3.org/2001/04/xmlenc#sha256";

    public static byte[] Write(IEnumerable<AsicDataObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("ASiCManifest", AsicNs);
            xml.WriteAttributeString("xmlns", "ds", null, DsNs);
            xml.WriteStartElement("SigReference", AsicNs);
            xml.WriteAttributeString("URI", SignaturePath);
            xml.WriteAttributeString("MimeType", "application/pkcs7-signature");
            xml.WriteEndElement();
            foreach (var o in objects)
            {
                xml.WriteStartElement("DataObjectReference", AsicNs);
                xml.WriteAttributeString("URI", o.Name);
                xml.WriteAttributeString("MimeType", o.MediaType);
                xml.WriteStartElement("DigestMethod", DsNs);
                xml.WriteAttributeString("Algorithm", Sha256Uri);
                xml.WriteEndElement();
                xml.WriteElementString("DigestValue", DsNs, Convert.ToBase64String(o.Sha256));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a manifest without DTDs or external resources; null when it is not a well-formed ASiC manifest.</summary>
    public static IReadOnlyList<AsicDataObject>? Read(byte[] manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 10_000_000 };
        var objects = new List<AsicDataObject>();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(manifest), settings);
            var document = new XmlDocument { XmlResolver = null };
            document.Load(reader);
            var ns = new XmlNamespaceManager(document.NameTable);
            ns.AddNamespace("a", AsicNs);
            ns.AddNamespace("ds", DsNs);
            if (document.DocumentElement is not { LocalName: "ASiCManifest", NamespaceURI: AsicNs })
            {
                return null;
            }

            foreach (XmlElement reference in document.SelectNodes("/a:ASiCManifest/a:DataObjectReference", ns)!)
            {
                var algorithm = (reference.SelectSingleNode("ds:DigestMethod", ns) as XmlElement)?.GetAttribute("Algorithm");
                var value = reference.SelectSingleNode("ds:DigestValue", ns)?.InnerText;
                if (algorithm != Sha256Uri || value is null)
                {
                    return null;
                }

                objects.Add(new AsicDataObject(reference.GetAttribute("URI"), reference.GetAttribute("MimeType"), Convert.FromBase64String(value.Trim())));
            }

            return objects;
        }
        catch (Exception ex) when (ex is XmlException or FormatException)
        {
            return null;
        }
    }
}
