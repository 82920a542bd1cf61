using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Doqutore.Aws.Protocols.Xml;

/// <summary>
/// Loading and writing whole XML documents safely: no DTDs (so no XXE and no entity expansion), a depth
/// cap, and every parser failure turned into a <see cref="FormatException"/> that the codecs map to their
/// protocol's own error (<c>MalformedXML</c> for S3).
/// </summary>
public static class XmlDocuments
{
    /// <summary>Nesting deeper than this is refused (AWS documents nest far less).</summary>
    public const int MaxDepth = 64;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersFromEntities = 1024,
        CloseInput = false,
    };

    /// <summary>Parses a document into its root element; throws <see cref="FormatException"/> when it is not well-formed.</summary>
    public static XElement Load(ReadOnlyMemory<byte> body)
    {
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        try
        {
            using var reader = XmlReader.Create(stream, ReaderSettings);
            return Build(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException($"The XML is not well-formed: {e.Message}", e);
        }
    }

    /// <summary>Writes an element as UTF-8 bytes, with or without the <c>&lt;?xml?&gt;</c> declaration.</summary>
    public static byte[] ToBytes(XElement root, bool declaration)
    {
        ReplaceCharactersXmlCannotHold(root);

        // Creating an XmlWriter allocates and clears its buffers, which cost more than writing a small response:
        // each thread keeps one writer (fragment conformance: one element after another) over a reusable stream.
        var cached = t_writer ?? new FragmentWriter();
        t_writer = null;
        root.WriteTo(cached.Writer);
        cached.Writer.Flush();
        var xml = cached.Stream.GetBuffer().AsSpan(0, (int)cached.Stream.Length);
        var prolog = declaration ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"u8 : [];
        var result = new byte[prolog.Length + xml.Length];
        prolog.CopyTo(result);
        xml.CopyTo(result.AsSpan(prolog.Length));

        // A writer that failed is dropped (above, by the exception); one grown large is not kept.
        cached.Stream.SetLength(0);
        if (cached.Stream.Capacity <= FragmentWriter.KeptCapacity)
        {
            t_writer = cached;
        }

        return result;
    }

    [ThreadStatic]
    private static FragmentWriter? t_writer;

    private sealed class FragmentWriter
    {
        public const int KeptCapacity = 64 * 1024;

        private static readonly XmlWriterSettings Settings = new()
        {
            Encoding = new UTF8Encoding(false),
            Indent = false,
            OmitXmlDeclaration = true,
            ConformanceLevel = ConformanceLevel.Fragment,
        };

        public FragmentWriter() => Writer = XmlWriter.Create(Stream, Settings);

        public MemoryStream Stream { get; } = new();

        public XmlWriter Writer { get; }
    }

    /// <summary>
    /// XML 1.0 cannot carry most control characters or lone surrogates, even escaped; values holding them
    /// (an echoed bad parameter, say) get U+FFFD in their place rather than failing the whole response.
    /// </summary>
    private static void ReplaceCharactersXmlCannotHold(XElement root)
    {
        foreach (var text in root.DescendantNodes().OfType<XText>())
        {
            if (NeedsReplacing(text.Value))
            {
                text.Value = Replace(text.Value);
            }
        }

        foreach (var attribute in root.DescendantsAndSelf().SelectMany(e => e.Attributes()))
        {
            if (NeedsReplacing(attribute.Value))
            {
                attribute.Value = Replace(attribute.Value);
            }
        }
    }

    private static bool NeedsReplacing(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }

            return true;
        }

        return false;
    }

    private static string Replace(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                sb.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                sb.Append(text, i, 2);
                i++;
            }
            else
            {
                sb.Append('\uFFFD');
            }
        }

        return sb.ToString();
    }

    // Built by hand rather than with XDocument.Load so that depth is checked while reading, before a
    // hostile document has been materialized.
    private static XElement Build(XmlReader reader)
    {
        XElement? root = null;
        var open = new Stack<XElement>();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (open.Count >= MaxDepth)
                    {
                        throw new FormatException($"The XML nests deeper than {MaxDepth} elements.");
                    }

                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            if (reader.Prefix != "xmlns" && reader.LocalName != "xmlns")
                            {
                                element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                            }
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }

                    if (open.TryPeek(out var parent))
                    {
                        parent.Add(element);
                    }
                    else
                    {
                        root = element;
                    }

                    if (!reader.IsEmptyElement)
                    {
                        open.Push(element);
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (open.TryPeek(out var current))
                    {
                        current.Add(new XText(reader.Value));
                    }

                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
            }
        }

        return root ?? throw new FormatException("The XML document has no root element.");
    }
}
