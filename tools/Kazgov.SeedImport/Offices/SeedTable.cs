using System.Text.RegularExpressions;
using Kazgov.Platform.Offices;

namespace Kazgov.SeedImport.Offices;

/// <summary>One table cell of the seed: its text fragments (one per source line) and its first line.</summary>
public sealed record SeedCell(IReadOnlyList<string> Fragments, int Line)
{
    /// <summary>The fragments joined as running text (soft hyphenation undone).</summary>
    public string Text => SeedTable.JoinFragments(Fragments, withSpaces: true);

    /// <summary>The fragments joined with nothing between them: e-mail addresses and URLs split over lines.</summary>
    public string TextWithoutSpaces => SeedTable.JoinFragments(Fragments, withSpaces: false);
}

/// <summary>The cells under one region heading ("Ақмола облысы бойынша:"), or of a whole table without headings.</summary>
public sealed record SeedTableBlock(string? Heading, int HeadingLine, IReadOnlyList<SeedCell> Cells);

/// <summary>
/// Reads the seed's "table" format (STANDARDS-DETAIL §10.5): every cell starts on a line of its
/// own with one leading TAB; a cell that wraps continues on the following lines without a tab,
/// with blank lines in between; a line that is only a TAB is an empty cell. Region headings are
/// untabbed lines ending in "бойынша:" (Std 5 twice writes "бойынша;" [L8157], [L8494]).
/// </summary>
public static partial class SeedTable
{
    public static IReadOnlyList<SeedTableBlock> ReadBlocks(IReadOnlyList<string> lines, int firstLine, int lastLine)
    {
        var blocks = new List<SeedTableBlock>();
        string? heading = null;
        var headingLine = firstLine;
        var cells = new List<SeedCell>();
        List<string>? current = null;

        void Close()
        {
            if (cells.Count > 0 || heading is not null)
            {
                blocks.Add(new SeedTableBlock(heading, headingLine, cells));
            }
        }

        for (var number = firstLine; number <= lastLine; number++)
        {
            // Only spaces and NBSP are layout; a TAB opens a cell, so it must survive the trim.
            var line = lines[number - 1].Replace('\u00A0', ' ').TrimEnd(' ');
            if (line.StartsWith('\t'))
            {
                current = [];
                var first = SeedText.Clean(line[1..]);
                if (first.Length > 0)
                {
                    current.Add(first);
                }

                cells.Add(new SeedCell(current, number));
                continue;
            }

            var text = SeedText.Clean(line);
            if (text.Length == 0)
            {
                continue;
            }

            if (HeadingPattern().IsMatch(text))
            {
                Close();
                heading = text;
                headingLine = number;
                cells = [];
                current = null;
                continue;
            }

            if (current is null)
            {
                throw new FormatException($"Seed line {number}: text outside any table cell: \"{text}\".");
            }

            current.Add(text);
        }

        Close();
        return blocks;
    }

    /// <summary>
    /// Rows of a numbered table: a row starts at a cell holding only an integer and takes the
    /// next <paramref name="columns"/> - 1 cells; cells before the first row are the header.
    /// Keyed on position, not on the header labels, which vary between copies.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SeedCell>> NumberedRows(SeedTableBlock block, int columns)
    {
        var rows = new List<IReadOnlyList<SeedCell>>();
        var cells = block.Cells;
        var index = 0;
        while (index < cells.Count && !IsRowNumber(cells[index]))
        {
            index++;
        }

        while (index < cells.Count)
        {
            if (!IsRowNumber(cells[index]) || index + columns > cells.Count)
            {
                throw new FormatException($"Seed line {cells[index].Line}: expected a row number, found \"{cells[index].Text}\".");
            }

            rows.Add(cells.Skip(index).Take(columns).ToList());
            index += columns;
        }

        return rows;
    }

    /// <summary>Rows of a table without a number column (Std 7 App 1): the first row is the header.</summary>
    public static IReadOnlyList<IReadOnlyList<SeedCell>> UnnumberedRows(SeedTableBlock block, int columns)
    {
        if (block.Cells.Count % columns != 0)
        {
            throw new FormatException($"Seed line {block.HeadingLine}: {block.Cells.Count} cells do not make rows of {columns}.");
        }

        return block.Cells.Skip(columns).Chunk(columns).Select(row => (IReadOnlyList<SeedCell>)row).ToList();
    }

    /// <summary>
    /// Joins a wrapped cell. A line-end hyphen is soft hyphenation ("поли- / циясы",
    /// "ауданы- / ның") and is dropped — except in "көші-қон" (migration) and in phone numbers
    /// ("8(7182- / 32-04-08)", "8-(71444)- / 2-12-03"), where it is real.
    /// </summary>
    public static string JoinFragments(IReadOnlyList<string> fragments, bool withSpaces)
    {
        var text = "";
        foreach (var fragment in fragments)
        {
            if (text.Length == 0)
            {
                text = fragment;
            }
            else if (text.EndsWith('-'))
            {
                var keepHyphen = RealHyphenEnd().IsMatch(text);
                text = (keepHyphen ? text : text[..^1]) + fragment;
            }
            else
            {
                text += (withSpaces ? " " : "") + fragment;
            }
        }

        return text;
    }

    public static bool IsRowNumber(SeedCell cell) => cell.Fragments.Count == 1 && RowNumber().IsMatch(cell.Fragments[0]);

    [GeneratedRegex(@"бойынша\s*[:;]$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex RowNumber();

    [GeneratedRegex(@"([\d)]-|(?i:көші)-)$")]
    private static partial Regex RealHyphenEnd();
}
