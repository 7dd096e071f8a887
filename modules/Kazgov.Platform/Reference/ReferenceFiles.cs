using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Platform.Offices;

namespace Kazgov.Platform.Reference;

/// <summary>reference/regions.json: the 16 regions, in the order of the seed's directories.</summary>
public sealed record RegionsFile(string About, IReadOnlyList<KazRegion> Regions);

/// <summary>reference/offices.json: every office of the seed's directory appendices, in seed order.</summary>
public sealed record OfficesFile(string About, IReadOnlyList<OfficeRecord> Offices);

/// <summary>
/// reference/office-names.json: each office's name, district, town and address in Russian (by the
/// rules of <see cref="OfficeNameTranslation"/>) and in Latin letters (for search and English pages),
/// by office id, in the order of reference/offices.json. Reviewed like the rest of reference/.
/// </summary>
public sealed record OfficeNamesFile(string About, IReadOnlyList<OfficeNames> Offices);

/// <summary>One office's translated texts.</summary>
public sealed record OfficeNames(string Id, OfficeTexts Ru, OfficeTexts Latin);

/// <summary>The texts of an office that have a language: name, district, town, address.</summary>
public sealed record OfficeTexts(string Name, string? District, string? Town, string Address);

/// <summary>reference/quality-indicators.json: the KPI norms of each standard's appendix, by service code.</summary>
public sealed record QualityIndicatorsFile(string About, IReadOnlyList<ServiceQualityIndicators> Services);

/// <summary>The KPI appendix of one standard; <see cref="Appendix"/> null and no indicators where the seed has none.</summary>
public sealed record ServiceQualityIndicators(string Service, int? Appendix, string? SeedLines, IReadOnlyList<QualityIndicator> Indicators);

/// <summary>
/// One office as reference/offices.json holds it: the seed's text (name, address, phones as
/// printed and normalised, e-address), the services it provides with the appendix and seed line
/// of each listing, and the schedule it starts with. <see cref="Id"/> is stable: the import tool
/// keeps it when the seed's text of the office is corrected (modules/Kazgov.Platform/Offices/README.md).
/// </summary>
public sealed record OfficeRecord(
    string Id,
    string Directory,
    string Region,
    string Name,
    string? District,
    string? Town,
    string Address,
    string? Postcode,
    string PhonesRaw,
    IReadOnlyList<OfficePhone> Phones,
    string? EAddressRaw,
    string? Email,
    string? Website,
    IReadOnlyList<string> Services,
    IReadOnlyList<OfficeListing> Sources,
    int SortOrder,
    OfficeSchedule Schedule);

/// <summary>
/// The checked-in reference data of the top-level reference/ folder, embedded in this assembly
/// (resource names "reference/&lt;file&gt;"), so a clone or a published folder needs nothing else.
/// The files are written by the import tool (./build/import-seed) in one canonical form:
/// <see cref="Write{T}"/>; the host only reads them.
/// </summary>
public static class ReferenceFiles
{
    public const string RegionsFileName = "regions.json";
    public const string OfficesFileName = "offices.json";
    public const string QualityIndicatorsFileName = "quality-indicators.json";
    public const string OfficeNamesFileName = "office-names.json";

    public static readonly IReadOnlyList<string> FileNames = [OfficeNamesFileName, OfficesFileName, QualityIndicatorsFileName, RegionsFileName];

    private const int LineWidth = 130;

    private static readonly Lazy<RegionsFile> LazyRegions = new(() => Parse<RegionsFile>(ReadEmbedded(RegionsFileName)));
    private static readonly Lazy<OfficesFile> LazyOffices = new(() => Parse<OfficesFile>(ReadEmbedded(OfficesFileName)));
    private static readonly Lazy<QualityIndicatorsFile> LazyQualityIndicators =
        new(() => Parse<QualityIndicatorsFile>(ReadEmbedded(QualityIndicatorsFileName)));

    private static readonly Lazy<OfficeNamesFile> LazyOfficeNames = new(() => Parse<OfficeNamesFile>(ReadEmbedded(OfficeNamesFileName)));

    public static RegionsFile Regions => LazyRegions.Value;

    public static OfficeNamesFile OfficeNames => LazyOfficeNames.Value;

    public static OfficesFile Offices => LazyOffices.Value;

    public static QualityIndicatorsFile QualityIndicators => LazyQualityIndicators.Value;

    /// <summary>Strict reading: unknown members, missing members and nulls where none are allowed fail.</summary>
    private static readonly JsonSerializerOptions ReadOptions = new(PlatformJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,
    };

    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text of an embedded reference file.</summary>
    public static string ReadEmbedded(string fileName)
    {
        var assembly = typeof(ReferenceFiles).Assembly;
        using var stream = assembly.GetManifestResourceStream("reference/" + fileName)
            ?? throw new InvalidOperationException($"reference/{fileName} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static T Parse<T>(string json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, ReadOptions)
                ?? throw new InvalidDataException($"The reference file holds no {typeof(T).Name}.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The reference file is not a valid {typeof(T).Name}: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The canonical text of a reference file: two-space indentation, the file and each record of
    /// its list on lines of their own, smaller values (names, phones, schedule days) on one line
    /// when they fit in 130 characters; UTF-8 text unescaped; "\n" line ends and a final newline.
    /// The same data always gives the same bytes, so a diff shows exactly what changed.
    /// </summary>
    public static string Write<T>(T value)
    {
        var node = JsonSerializer.SerializeToNode(value, PlatformJson.Options);
        var builder = new StringBuilder();
        WriteNode(builder, node, 0);
        builder.Append('\n');
        return builder.ToString();
    }

    private static void WriteNode(StringBuilder builder, JsonNode? node, int depth)
    {
        var indent = depth * 2;
        if (node is JsonObject or JsonArray)
        {
            // The file, its list and each record always get lines of their own.
            var inline = Inline(node);
            if (depth >= 3 && indent + inline.Length <= LineWidth)
            {
                builder.Append(inline);
                return;
            }
        }

        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                builder.Append('{');
                var first = true;
                foreach (var (name, child) in obj)
                {
                    builder.Append(first ? "\n" : ",\n").Append(' ', indent + 2).Append(Quote(name)).Append(": ");
                    WriteNode(builder, child, depth + 1);
                    first = false;
                }

                builder.Append('\n').Append(' ', indent).Append('}');
                break;
            case JsonArray array when array.Count > 0:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? "\n" : ",\n").Append(' ', indent + 2);
                    WriteNode(builder, array[i], depth + 1);
                }

                builder.Append('\n').Append(' ', indent).Append(']');
                break;
            default:
                builder.Append(Inline(node));
                break;
        }
    }

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject { Count: 0 } => "{}",
        JsonArray { Count: 0 } => "[]",
        JsonObject obj => "{ " + string.Join(", ", obj.Select(p => Quote(p.Key) + ": " + Inline(p.Value))) + " }",
        JsonArray array => "[" + string.Join(", ", array.Select(Inline)) + "]",
        _ => node.ToJsonString(CompactOptions),
    };

    private static string Quote(string name) => JsonSerializer.Serialize(name, CompactOptions);
}
