using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace Kazgov.Tests;

/// <summary>
/// The text a reader sees in a PDF: each page's content stream read with PDFsharp's content reader,
/// every shown string decoded through its font's ToUnicode map (glyph ids back to letters), so a
/// test fails when a string is missing or printed as glyphs no reader can map back.
/// </summary>
public static partial class PdfText
{
    public static string Extract(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            var fonts = page.Elements.GetDictionary("/Resources")?.Elements.GetDictionary("/Font");
            var maps = new Dictionary<string, Dictionary<int, string>?>();
            foreach (var name in fonts?.Elements.Keys ?? [])
            {
                var font = fonts!.Elements.GetDictionary(name);
                var toUnicode = font?.Elements.GetDictionary("/ToUnicode");
                maps[name] = toUnicode?.Stream is { } stream ? ParseCMap(Encoding.ASCII.GetString(stream.UnfilteredValue)) : null;
            }

            Dictionary<int, string>? current = null;
            Walk(ContentReader.ReadContent(page), text, maps, ref current);
            text.Append('\n');
        }

        // Lines wrap where the page ends: a phrase is found across them.
        return Spaces().Replace(text.ToString(), " ").Trim();
    }

    /// <summary>Whether a TrueType font program is embedded (FontFile2) under the given base name.</summary>
    public static bool EmbedsFont(byte[] pdf, string baseName)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        foreach (var page in document.Pages)
        {
            var fonts = page.Elements.GetDictionary("/Resources")?.Elements.GetDictionary("/Font");
            foreach (var name in fonts?.Elements.Keys ?? [])
            {
                var font = fonts!.Elements.GetDictionary(name)!;
                var descendant = font.Elements.GetArray("/DescendantFonts") is { } array && array.Elements.Count > 0
                    ? array.Elements.GetDictionary(0)
                    : font;
                var descriptor = descendant?.Elements.GetDictionary("/FontDescriptor");
                var embedded = descriptor?.Elements.GetDictionary("/FontFile2")?.Stream is { Length: > 1_000 };
                if (embedded && (font.Elements.GetName("/BaseFont") ?? "").Contains(baseName, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Walk(CObject item, StringBuilder text, Dictionary<string, Dictionary<int, string>?> maps, ref Dictionary<int, string>? current)
    {
        switch (item)
        {
            case COperator op when op.OpCode.Name == "Tf" && op.Operands.Count > 0 && op.Operands[0] is CName font:
                current = maps.GetValueOrDefault(font.Name);
                break;
            case COperator op when op.OpCode.Name is "Tj" or "'" or "\"" or "TJ":
                foreach (var operand in op.Operands)
                {
                    Show(operand, text, current);
                }

                text.Append(' ');
                break;
            case COperator op when op.OpCode.Name is "ET" or "T*" or "Td" or "TD":
                text.Append(' ');
                break;
            case CSequence sequence:
                foreach (var inner in sequence)
                {
                    Walk(inner, text, maps, ref current);
                }

                break;
        }
    }

    private static void Show(CObject operand, StringBuilder text, Dictionary<int, string>? map)
    {
        if (operand is CArray array)
        {
            foreach (var element in array)
            {
                Show(element, text, map);
            }
        }
        else if (operand is CString s)
        {
            if (map is null)
            {
                text.Append(s.Value);
                return;
            }

            // Two-byte glyph ids (Identity-H), each char of the value one byte.
            for (var i = 0; i + 1 < s.Value.Length; i += 2)
            {
                var glyph = (s.Value[i] << 8) | s.Value[i + 1];
                text.Append(map.TryGetValue(glyph, out var letters) ? letters : "\uFFFD");
            }
        }
    }

    private static Dictionary<int, string> ParseCMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match block in BfChar().Matches(cmap))
        {
            foreach (Match pair in HexPair().Matches(block.Groups[1].Value))
            {
                map[Hex(pair.Groups[1].Value)] = Utf16(pair.Groups[2].Value);
            }
        }

        foreach (Match block in BfRange().Matches(cmap))
        {
            foreach (Match range in HexTriple().Matches(block.Groups[1].Value))
            {
                var (from, to, first) = (Hex(range.Groups[1].Value), Hex(range.Groups[2].Value), Hex(range.Groups[3].Value));
                for (var g = from; g <= to; g++)
                {
                    map[g] = char.ConvertFromUtf32(first + g - from);
                }
            }
        }

        return map;
    }

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Utf16(string hex) =>
        new(Enumerable.Range(0, hex.Length / 4).Select(i => (char)Hex(hex.Substring(i * 4, 4))).ToArray());

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRange();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexPair();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexTriple();
}
