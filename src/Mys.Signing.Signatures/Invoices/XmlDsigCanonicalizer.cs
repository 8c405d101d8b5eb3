using System.Security.Cryptography.Xml;
using System.Xml;

namespace Mys.Signing.Signatures.Invoices;

/// <summary>
/// Canonicalises (C14N 1.0 or exclusive C14N, with or without comments) part of an XML document exactly as it was
/// read, for XMLDSig references and SignedInfo. Unlike <see cref="SignedXml"/>, nothing is re-serialised and re-parsed:
/// .NET's transforms are fed the DOM itself, so a carriage return written as <c>&amp;#13;</c> stays a CR and is
/// canonicalised as <c>&amp;#xD;</c>, as every other verifier does. The enveloped-signature transform is done by taking
/// the signature out of the tree for the time of the canonicalisation.
/// </summary>
public static class XmlDsigCanonicalizer
{
    public const string C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    public const string C14NWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
    public const string ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public const string ExcC14NWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";

    public static bool IsSupported(string? algorithm) => algorithm is C14N or C14NWithComments or ExcC14N or ExcC14NWithComments;

    /// <summary>
    /// Loads XML for signature checking: whitespace kept, DTD prohibited, nothing resolved, character references kept as
    /// the characters they stand for (no line-end normalisation of <c>&amp;#13;</c>).
    /// </summary>
    public static XmlDocument Load(ReadOnlyMemory<byte> xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var input = new MemoryStream(xml.ToArray(), writable: false);
        using var reader = XmlReader.Create(input, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            CloseInput = true,
        });
        document.Load(reader);
        return document;
    }

    /// <summary>
    /// The canonical octets of <paramref name="node"/> (the document, or an element with its subtree in the context of
    /// its ancestors' namespaces), leaving out <paramref name="excluded"/> when given (the enveloped-signature transform).
    /// Comments are left out whatever the algorithm: a same-document reference ("" or "#id") never includes them.
    /// </summary>
    public static byte[] Canonicalize(XmlNode node, string algorithm, string? inclusivePrefixes = null, XmlElement? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!IsSupported(algorithm))
        {
            throw new ArgumentException($"Unsupported canonicalization algorithm '{algorithm}'.", nameof(algorithm));
        }

        var parent = excluded?.ParentNode;
        var next = excluded?.NextSibling;
        if (excluded is not null && Contains(node, excluded))
        {
            parent!.RemoveChild(excluded);
        }
        else
        {
            parent = null;
        }

        try
        {
            var exclusive = algorithm is ExcC14N or ExcC14NWithComments;
            var input = node is XmlDocument document ? document : InContext((XmlElement)node, inheritXmlAttributes: !exclusive);
            Transform transform = exclusive
                ? new XmlDsigExcC14NTransform(includeComments: false, inclusivePrefixes)
                : new XmlDsigC14NTransform(includeComments: false);
            transform.LoadInput(input);
            using var output = (Stream)transform.GetOutput(typeof(Stream));
            using var copy = new MemoryStream();
            output.CopyTo(copy);
            return copy.ToArray();
        }
        finally
        {
            if (parent is not null)
            {
                parent.InsertBefore(excluded!, next);
            }
        }
    }

    private static bool Contains(XmlNode root, XmlNode node)
    {
        for (var n = node; n is not null; n = n.ParentNode)
        {
            if (ReferenceEquals(n, root))
            {
                return true;
            }
        }

        return false;
    }

    // The element alone in a document of its own (an in-memory copy, no text round trip), carrying the namespace
    // declarations and xml:* attributes it inherits from its ancestors: inclusive C14N renders them on the apex element,
    // exclusive C14N renders those the subtree uses (and inherits no xml:* attribute).
    private static XmlDocument InContext(XmlElement element, bool inheritXmlAttributes)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var copy = (XmlElement)document.ImportNode(element, deep: true);
        document.AppendChild(copy);
        for (var ancestor = element.ParentNode as XmlElement; ancestor is not null; ancestor = ancestor.ParentNode as XmlElement)
        {
            foreach (XmlAttribute attribute in ancestor.Attributes)
            {
                var inherited = string.Equals(attribute.NamespaceURI, "http://www.w3.org/2000/xmlns/", StringComparison.Ordinal)
                    || (inheritXmlAttributes && string.Equals(attribute.Prefix, "xml", StringComparison.Ordinal));
                if (inherited && copy.GetAttributeNode(attribute.LocalName, attribute.NamespaceURI) is null)
                {
                    copy.SetAttributeNode((XmlAttribute)document.ImportNode(attribute, deep: true));
                }
            }
        }

        return document;
    }
}
