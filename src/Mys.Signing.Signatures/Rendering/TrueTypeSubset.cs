using System.Buffers.Binary;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>
/// A TrueType font reduced to the glyphs of a fixed set of characters, glyphs renumbered from 0 (composite glyphs'
/// components included), with a Windows Unicode (3,1) format 4 cmap of those characters: a complete, usable font that a
/// PDF embeds as it is. Keeps the tables text layout and hinting read (head, hhea, hmtx, maxp, OS/2, name, cvt, fpgm,
/// prep, gasp), drops layout features (GSUB, GPOS, kern…) and writes post as format 3 (no glyph names).
/// </summary>
internal static class TrueTypeSubset
{
    private static readonly string[] CopiedTables = ["OS/2", "cvt ", "fpgm", "gasp", "prep"];

    /// <summary>Name records kept from the original (Windows, Unicode, en-US): copyright, license and its URL.</summary>
    private static readonly int[] KeptNames = [0, 13, 14];

    /// <summary>
    /// The subset of <paramref name="font"/> for <paramref name="characters"/> (BMP code points; those the font lacks are
    /// left out), named <paramref name="family"/> (PDFsharp caches faces by name, so the subset must not share the
    /// original's; DejaVu's license also asks modified fonts to be renamed), style <paramref name="style"/>.
    /// </summary>
    public static byte[] Create(byte[] font, IEnumerable<char> characters, string family, string style)
    {
        var tables = ReadDirectory(font);
        var cmap = ReadCmap(font, tables["cmap"]);
        var kept = new SortedDictionary<char, ushort>();
        foreach (var c in characters)
        {
            if (cmap.TryGetValue(c, out var glyph) && glyph != 0)
            {
                kept[c] = glyph;
            }
        }

        var head = Slice(font, tables["head"]);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)) == 1;
        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(Slice(font, tables["maxp"]).AsSpan(4));
        var loca = Slice(font, tables["loca"]);
        var glyf = tables["glyf"];
        int GlyphStart(int g) => longLoca ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca.AsSpan(g * 4)) : BinaryPrimitives.ReadUInt16BigEndian(loca.AsSpan(g * 2)) * 2;
        ReadOnlySpan<byte> GlyphData(int g) => font.AsSpan(glyf.Offset + GlyphStart(g), GlyphStart(g + 1) - GlyphStart(g));

        // .notdef first, then every glyph the characters need, with the components of composite glyphs.
        var glyphs = new SortedSet<ushort> { 0 };
        var pending = new Stack<ushort>(kept.Values);
        while (pending.TryPop(out var glyph))
        {
            if (!glyphs.Add(glyph))
            {
                continue;
            }

            ForEachComponent(GlyphData(glyph), (at, component) => pending.Push(component));
        }

        var renumbered = new Dictionary<ushort, ushort>();
        foreach (var g in glyphs)
        {
            renumbered[g] = (ushort)renumbered.Count;
        }

        var newGlyf = new MemoryStream();
        var newLoca = new byte[(glyphs.Count + 1) * 4];
        var index = 0;
        foreach (var g in glyphs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(index++ * 4), (uint)newGlyf.Length);
            var data = GlyphData(g).ToArray();
            ForEachComponent(data, (at, component) => BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at), renumbered[component]));
            newGlyf.Write(data);
            newGlyf.Write(new byte[(4 - (data.Length % 4)) % 4]);
        }

        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(index * 4), (uint)newGlyf.Length);

        var hhea = Slice(font, tables["hhea"]);
        var metrics = BinaryPrimitives.ReadUInt16BigEndian(hhea.AsSpan(34));
        var hmtx = Slice(font, tables["hmtx"]);
        var newHmtx = new byte[glyphs.Count * 4];
        index = 0;
        foreach (var g in glyphs)
        {
            var advance = hmtx.AsSpan(Math.Min(g, metrics - 1) * 4, 2);
            var bearing = g < metrics ? hmtx.AsSpan((g * 4) + 2, 2) : hmtx.AsSpan((metrics * 4) + ((g - metrics) * 2), 2);
            advance.CopyTo(newHmtx.AsSpan(index * 4));
            bearing.CopyTo(newHmtx.AsSpan((index * 4) + 2));
            index++;
        }

        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), (ushort)glyphs.Count);
        var maxp = Slice(font, tables["maxp"]);
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)glyphs.Count);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        var post = Slice(font, tables["post"])[..32];
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["cmap"] = Cmap(kept.Select(k => (k.Key, renumbered[k.Value]))),
            ["glyf"] = newGlyf.ToArray(),
            ["head"] = head,
            ["hhea"] = hhea,
            ["hmtx"] = newHmtx,
            ["loca"] = newLoca,
            ["maxp"] = maxp,
            ["post"] = post,
        };
        output["name"] = Names(font, tables["name"], family, style);
        foreach (var tag in CopiedTables.Where(tables.ContainsKey))
        {
            output[tag] = Slice(font, tables[tag]);
        }

        return Write(output);
    }

    private static byte[] Slice(byte[] font, (int Offset, int Length) table) => font.AsSpan(table.Offset, table.Length).ToArray();

    private static Dictionary<string, (int Offset, int Length)> ReadDirectory(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var entry = font.AsSpan(12 + (16 * i), 16);
            tables[System.Text.Encoding.ASCII.GetString(entry[..4])] =
                ((int)BinaryPrimitives.ReadUInt32BigEndian(entry[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(entry[12..]));
        }

        return tables;
    }

    /// <summary>The (3,1) format 4 subtable as character → glyph.</summary>
    private static Dictionary<char, ushort> ReadCmap(byte[] font, (int Offset, int Length) table)
    {
        var cmap = font.AsSpan(table.Offset, table.Length);
        var count = BinaryPrimitives.ReadUInt16BigEndian(cmap[2..]);
        for (var i = 0; i < count; i++)
        {
            var record = cmap.Slice(4 + (8 * i), 8);
            var sub = cmap[(int)BinaryPrimitives.ReadUInt32BigEndian(record[4..])..];
            if (BinaryPrimitives.ReadUInt16BigEndian(record) == 3 && BinaryPrimitives.ReadUInt16BigEndian(record[2..]) == 1
                && BinaryPrimitives.ReadUInt16BigEndian(sub) == 4)
            {
                return ReadFormat4(sub);
            }
        }

        throw new InvalidOperationException("The font has no Windows Unicode (3,1) format 4 cmap.");
    }

    private static Dictionary<char, ushort> ReadFormat4(ReadOnlySpan<byte> sub)
    {
        var segments = BinaryPrimitives.ReadUInt16BigEndian(sub[6..]) / 2;
        ReadOnlySpan<byte> ends = sub[14..], starts = sub[(16 + (2 * segments))..], deltas = sub[(16 + (4 * segments))..];
        var rangesAt = 16 + (6 * segments);
        var map = new Dictionary<char, ushort>();
        for (var s = 0; s < segments; s++)
        {
            int start = BinaryPrimitives.ReadUInt16BigEndian(starts[(2 * s)..]), end = BinaryPrimitives.ReadUInt16BigEndian(ends[(2 * s)..]);
            var delta = BinaryPrimitives.ReadUInt16BigEndian(deltas[(2 * s)..]);
            var rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(sub[(rangesAt + (2 * s))..]);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = rangeOffset == 0 ? c : BinaryPrimitives.ReadUInt16BigEndian(sub[(rangesAt + (2 * s) + rangeOffset + (2 * (c - start)))..]);
                var mapped = rangeOffset != 0 && glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
                if (mapped != 0)
                {
                    map[(char)c] = (ushort)mapped;
                }
            }
        }

        return map;
    }

    /// <summary>A format 0 name table: the <see cref="KeptNames"/> of the original, then family, style, unique, full and
    /// PostScript names for <paramref name="family"/> (Windows, Unicode, en-US).</summary>
    private static byte[] Names(byte[] font, (int Offset, int Length) table, string family, string style)
    {
        var name = font.AsSpan(table.Offset, table.Length);
        var count = BinaryPrimitives.ReadUInt16BigEndian(name[2..]);
        var storage = name[BinaryPrimitives.ReadUInt16BigEndian(name[4..])..];
        var records = new SortedDictionary<int, byte[]>();
        for (var i = 0; i < count; i++)
        {
            var r = name.Slice(6 + (12 * i), 12);
            if (BinaryPrimitives.ReadUInt16BigEndian(r) == 3 && BinaryPrimitives.ReadUInt16BigEndian(r[2..]) == 1
                && BinaryPrimitives.ReadUInt16BigEndian(r[4..]) == 0x409 && KeptNames.Contains(BinaryPrimitives.ReadUInt16BigEndian(r[6..])))
            {
                records[BinaryPrimitives.ReadUInt16BigEndian(r[6..])] =
                    storage.Slice(BinaryPrimitives.ReadUInt16BigEndian(r[10..]), BinaryPrimitives.ReadUInt16BigEndian(r[8..])).ToArray();
            }
        }

        var full = style == "Book" ? family : family + " " + style;
        var postScript = family.Replace(" ", string.Empty, StringComparison.Ordinal) + (style == "Book" ? string.Empty : "-" + style);
        string[] generated = [family, style, full, full, string.Empty, postScript];
        for (var id = 1; id <= 6; id++)
        {
            if (id != 5)
            {
                records[id] = System.Text.Encoding.BigEndianUnicode.GetBytes(generated[id - 1]);
            }
        }

        var header = 6 + (12 * records.Count);
        var result = new byte[header + records.Values.Sum(v => v.Length)];
        var o = result.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(o[2..], (ushort)records.Count);
        BinaryPrimitives.WriteUInt16BigEndian(o[4..], (ushort)header);
        var (at, offset) = (6, 0);
        foreach (var (id, value) in records)
        {
            BinaryPrimitives.WriteUInt16BigEndian(o[at..], 3);
            BinaryPrimitives.WriteUInt16BigEndian(o[(at + 2)..], 1);
            BinaryPrimitives.WriteUInt16BigEndian(o[(at + 4)..], 0x409);
            BinaryPrimitives.WriteUInt16BigEndian(o[(at + 6)..], (ushort)id);
            BinaryPrimitives.WriteUInt16BigEndian(o[(at + 8)..], (ushort)value.Length);
            BinaryPrimitives.WriteUInt16BigEndian(o[(at + 10)..], (ushort)offset);
            value.CopyTo(o[(header + offset)..]);
            (at, offset) = (at + 12, offset + value.Length);
        }

        return result;
    }

    /// <summary>Calls <paramref name="component"/> with the offset of each component's glyph index in a composite glyph.</summary>
    private static void ForEachComponent(ReadOnlySpan<byte> glyph, Action<int, ushort> component)
    {
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0)
        {
            return;
        }

        const int ArgsAreWords = 0x0001, HasScale = 0x0008, MoreComponents = 0x0020, HasXyScale = 0x0040, HasTwoByTwo = 0x0080;
        var at = 10;
        int flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[at..]);
            component(at + 2, BinaryPrimitives.ReadUInt16BigEndian(glyph[(at + 2)..]));
            at += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2);
            at += (flags & HasScale) != 0 ? 2 : (flags & HasXyScale) != 0 ? 4 : (flags & HasTwoByTwo) != 0 ? 8 : 0;
        }
        while ((flags & MoreComponents) != 0);
    }

    /// <summary>A format 4 subtable with one segment per character (and the closing 0xFFFF segment).</summary>
    private static byte[] Cmap(IEnumerable<(char Character, ushort Glyph)> mapping)
    {
        var entries = mapping.ToList();
        var segments = entries.Count + 1;
        var length = 16 + (8 * segments);
        var table = new byte[12 + length];
        var t = table.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], 1); // one subtable
        BinaryPrimitives.WriteUInt16BigEndian(t[4..], 3);
        BinaryPrimitives.WriteUInt16BigEndian(t[6..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(t[8..], 12);
        var sub = t[12..];
        BinaryPrimitives.WriteUInt16BigEndian(sub, 4);
        BinaryPrimitives.WriteUInt16BigEndian(sub[2..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(sub[6..], (ushort)(segments * 2));
        var selector = (int)Math.Floor(Math.Log2(segments));
        BinaryPrimitives.WriteUInt16BigEndian(sub[8..], (ushort)(2 << selector));
        BinaryPrimitives.WriteUInt16BigEndian(sub[10..], (ushort)selector);
        BinaryPrimitives.WriteUInt16BigEndian(sub[12..], (ushort)((segments * 2) - (2 << selector)));
        for (var s = 0; s < segments; s++)
        {
            var (c, glyph) = s < entries.Count ? entries[s] : ('\uFFFF', (ushort)0);
            var delta = s < entries.Count ? (ushort)((glyph - c) & 0xFFFF) : (ushort)1;
            BinaryPrimitives.WriteUInt16BigEndian(sub[(14 + (2 * s))..], c); // endCode
            BinaryPrimitives.WriteUInt16BigEndian(sub[(16 + (2 * segments) + (2 * s))..], c); // startCode
            BinaryPrimitives.WriteUInt16BigEndian(sub[(16 + (4 * segments) + (2 * s))..], delta); // idDelta; idRangeOffset stays 0
        }

        return table;
    }

    /// <summary>The font file: offset table, directory sorted by tag, 4-byte aligned tables, checksums and head's adjustment.</summary>
    private static byte[] Write(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var selector = (int)Math.Floor(Math.Log2(count));
        var size = 12 + (16 * count) + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[size];
        var f = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(f, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(f[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(f[6..], (ushort)(16 << selector));
        BinaryPrimitives.WriteUInt16BigEndian(f[8..], (ushort)selector);
        BinaryPrimitives.WriteUInt16BigEndian(f[10..], (ushort)((count * 16) - (16 << selector)));
        var offset = 12 + (16 * count);
        var entry = 12;
        var headAt = 0;
        foreach (var (tag, data) in tables)
        {
            System.Text.Encoding.ASCII.GetBytes(tag, f[entry..]);
            BinaryPrimitives.WriteUInt32BigEndian(f[(entry + 4)..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(f[(entry + 8)..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(f[(entry + 12)..], (uint)data.Length);
            data.CopyTo(f[offset..]);
            headAt = tag == "head" ? offset : headAt;
            offset += (data.Length + 3) & ~3;
            entry += 16;
        }

        BinaryPrimitives.WriteUInt32BigEndian(f[(headAt + 8)..], unchecked(0xB1B0AFBA - Checksum(font)));
        return font;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < data.Length ? data[i + j] : 0u);
            }

            sum = unchecked(sum + word);
        }

        return sum;
    }
}
