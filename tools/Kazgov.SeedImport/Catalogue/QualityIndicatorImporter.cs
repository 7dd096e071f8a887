using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kazgov.Platform.Catalogue;

namespace Kazgov.SeedImport.Catalogue;

/// <summary>
/// Reads the quality-and-accessibility indicator tables ("Кесте. Сапа және қол жетімділік
/// көрсеткіштерінің мәні") from the seed file, per service code (STANDARDS-DETAIL.md §10.1).
/// The tables are in the seed's "table" format: every cell starts on a line with one leading TAB,
/// a cell continues on following lines without a TAB, an empty cell is a TAB-only line. Each
/// indicator row is four cells: "N.N. text", normative value, next-year target, current value.
/// </summary>
public sealed partial class QualityIndicatorImporter
{
    private const string TableTitle = "Кесте. Сапа және қол жетімділік көрсеткіштерінің мәні";

    /// <summary>
    /// Where each KPI appendix sits: its number and its lines, from the table title to the last
    /// value cell. The end bound matters: a value cell's continuation lines run into the next
    /// standard's header (e.g. after line 3475).
    /// </summary>
    private static readonly Dictionary<string, (int Appendix, int From, int To)> Tables = new(StringComparer.Ordinal)
    {
        ["residence-permit"] = (3, 3315, 3475),
        ["address-certificate"] = (2, 3696, 3867),
        ["temporary-registration"] = (5, 6973, 7201),
        ["permanent-residence"] = (3, 10276, 10436),
        ["citizenship"] = (4, 14002, 14162),
        ["weapon-registration"] = (2, 14734, 14912),
    };

    /// <summary>Their text says results are measured by indicators, but the seed has no KPI appendix for them.</summary>
    private static readonly HashSet<string> WithoutAppendix = new(StringComparer.Ordinal)
    {
        "driver-licence",
        "vehicle-registration",
        "proxy-driver-registration",
    };

    private readonly string[] _lines;

    public QualityIndicatorImporter(IReadOnlyList<string> seedLines) => _lines = [.. seedLines];

    public static QualityIndicatorImporter FromFile(string seedFile) => new(File.ReadAllLines(seedFile, Encoding.UTF8));

    /// <summary>The service codes whose standard has a KPI appendix.</summary>
    public static IReadOnlyCollection<string> ServicesWithTables => Tables.Keys;

    /// <summary>The KPI appendix of a standard (its number and seed lines), or null where it has none.</summary>
    public static (int Appendix, int From, int To)? TableOf(string serviceCode) =>
        Tables.TryGetValue(serviceCode, out var table) ? table : null;

    /// <summary>The indicators of one standard, in the seed's order; empty where the standard has no appendix.</summary>
    public IReadOnlyList<QualityIndicator> Import(string serviceCode)
    {
        if (WithoutAppendix.Contains(serviceCode))
        {
            return [];
        }

        if (!Tables.TryGetValue(serviceCode, out var table))
        {
            throw new ArgumentException($"Unknown service code '{serviceCode}': no KPI table is known for it.", nameof(serviceCode));
        }

        if (_lines.Length < table.To || !Clean(_lines[table.From - 1]).Contains(TableTitle, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"{serviceCode}: the KPI table title «{TableTitle}» is not at seed line {table.From}. Is the file the order No. 362 seed?");
        }

        var cells = ReadCells(table.From + 1, table.To);
        var position = SkipHeader(cells, serviceCode);
        var source = $"{serviceCode} appendix {table.Appendix}";
        var indicators = new List<QualityIndicator>();
        IndicatorGroup? group = null;
        while (position < cells.Count)
        {
            var cell = cells[position];
            var text = JoinFragments(cell.Fragments);
            if (GroupHeader().Match(text) is { Success: true } groupMatch)
            {
                var title = groupMatch.Groups["title"].Value.Trim();
                group = new IndicatorGroup(groupMatch.Groups["number"].Value, QualityIndicatorTranslations.Group(title, cell.Line));
                position++;
                continue;
            }

            var indicatorMatch = IndicatorRow().Match(text);
            if (!indicatorMatch.Success || group is null || position + 3 >= cells.Count)
            {
                throw new InvalidDataException($"{serviceCode}: unexpected cell «{text}» at seed line {cell.Line} in the KPI table.");
            }

            var number = indicatorMatch.Groups["number"].Value;
            var kk = indicatorMatch.Groups["text"].Value.Trim();
            indicators.Add(new QualityIndicator(
                number,
                group,
                QualityIndicatorTranslations.Indicator(number, kk, cell.Line),
                Value(cells[position + 1]),
                Value(cells[position + 2]),
                Value(cells[position + 3]),
                $"{source}, indicator {number}",
                cell.Line));
            position += 4;
        }

        return indicators;
    }

    private List<Cell> ReadCells(int from, int to)
    {
        var cells = new List<Cell>();
        for (var number = from; number <= to; number++)
        {
            var line = _lines[number - 1];
            if (line.StartsWith('\t'))
            {
                cells.Add(new Cell(number, [Clean(line[1..]).Trim()]));
            }
            else if (cells.Count > 0 && !string.IsNullOrWhiteSpace(Clean(line)))
            {
                cells[^1].Fragments.Add(Clean(line).Trim());
            }
        }

        return cells;
    }

    /// <summary>Skips the column titles up to and including the column-number row "1 2 3 4".</summary>
    private static int SkipHeader(List<Cell> cells, string serviceCode)
    {
        for (var i = 0; i + 3 < cells.Count; i++)
        {
            if (Enumerable.Range(0, 4).All(k => cells[i + k].Fragments is [var only] && only == (k + 1).ToString(CultureInfo.InvariantCulture)))
            {
                return i + 4;
            }
        }

        throw new InvalidDataException($"{serviceCode}: the KPI table has no column-number row \"1 2 3 4\".");
    }

    /// <summary>A value cell is one line; an empty cell (TAB only) has no value (Std 4 App 5).</summary>
    private static IndicatorValue Value(Cell cell)
    {
        var verbatim = cell.Fragments[0];
        decimal? percent = decimal.TryParse(verbatim.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
        return new IndicatorValue(verbatim, percent);
    }

    /// <summary>
    /// Joins a cell's lines. A line ending in a hyphen before a lower-case continuation is a soft
    /// line-break hyphen ("тұтынушылар- / дың") and is dropped; the KPI tables hold no real compounds split that way.
    /// </summary>
    internal static string JoinFragments(IReadOnlyList<string> fragments)
    {
        var builder = new StringBuilder(fragments[0]);
        foreach (var fragment in fragments.Skip(1))
        {
            if (builder.Length > 1 && builder[^1] == '-' && char.IsLetter(builder[^2]) && fragment.Length > 0 && char.IsLower(fragment[0]))
            {
                builder.Length--;
                builder.Append(fragment);
            }
            else
            {
                builder.Append(' ').Append(fragment);
            }
        }

        return MultipleSpaces().Replace(builder.ToString(), " ");
    }

    private static string Clean(string line) => line.Replace('\u00A0', ' ');

    [GeneratedRegex(@"^(?<number>\d)\s*\.\s*(?<title>\D.*)$")]
    private static partial Regex GroupHeader();

    [GeneratedRegex(@"^(?<number>\d\.\d)\.\s*(?<text>.+)$")]
    private static partial Regex IndicatorRow();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex MultipleSpaces();

    private sealed record Cell(int Line, List<string> Fragments);
}
