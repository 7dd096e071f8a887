using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Platform.Reference;

namespace Kazgov.Platform.Catalogue;

/// <summary>
/// The catalogue of the nine standards: the entries authored in Catalogue/Data/*.json (embedded),
/// validated at load and merged with the KPI norms of reference/quality-indicators.json. One instance per
/// process (a singleton); immutable, so every reader shares it without locks.
/// </summary>
public sealed class ServiceCatalogue
{
    private readonly FrozenDictionary<string, Served> _byCode;

    private ServiceCatalogue(IReadOnlyList<ServiceEntry> entries)
    {
        All = entries;
        _byCode = entries.ToFrozenDictionary(e => e.Code, e => Serve(e), StringComparer.Ordinal);
        var list = Serve(new ServiceList(entries, NextCursor: null));
        ListJson = list.Json;
        ETag = list.ETag;
        var summary = Serve(new ServiceSummaryList(entries.Select(ServiceSummary.Of).ToList(), NextCursor: null));
        SummaryJson = summary.Json;
        SummaryETag = summary.ETag;
    }

    /// <summary>GET /api/v1/services/summary, serialised once.</summary>
    internal byte[] SummaryJson { get; }

    internal string SummaryETag { get; }

    /// <summary>Every entry, ordered by code.</summary>
    public IReadOnlyList<ServiceEntry> All { get; }

    /// <summary>A strong ETag of the whole catalogue as served (changes whenever any entry does).</summary>
    public string ETag { get; }

    /// <summary>GET /api/v1/services, serialised once.</summary>
    internal byte[] ListJson { get; }

    public bool Exists(string service) => _byCode.ContainsKey(service);

    public ServiceEntry? Find(string service) => _byCode.TryGetValue(service, out var served) ? served.Entry : null;

    public IReadOnlyList<FeeItem> FeeItems(string service) => Find(service)?.Fees.Items ?? [];

    public FeeItem? FindFeeItem(string service, string item) =>
        FeeItems(service).FirstOrDefault(i => string.Equals(i.Code, item, StringComparison.Ordinal));

    public IReadOnlyList<TermVariant> TermVariants(string service) => Find(service)?.Terms.Variants ?? [];

    public TermVariant? FindTermVariant(string service, string variant) =>
        TermVariants(service).FirstOrDefault(v => string.Equals(v.Code, variant, StringComparison.Ordinal));

    public RefusalGround? FindRefusalGround(string service, string code) =>
        Find(service)?.RefusalGrounds.FirstOrDefault(g => string.Equals(g.Code, code, StringComparison.Ordinal));

    /// <summary>GET /api/v1/services/{code}, serialised once, with its ETag.</summary>
    internal bool TryGetServed(string service, out byte[] json, out string etag)
    {
        if (_byCode.TryGetValue(service, out var served))
        {
            (json, etag) = (served.Json, served.ETag);
            return true;
        }

        (json, etag) = ([], "");
        return false;
    }

    /// <summary>
    /// Loads the embedded catalogue files and merges the KPI norms of reference/quality-indicators.json.
    /// Any defect (bad JSON, missing text, wrong source, bad duration…) throws a <see cref="CatalogueException"/>
    /// listing every problem, so a broken file stops the start instead of serving half a catalogue.
    /// </summary>
    public static ServiceCatalogue Load() => FromFiles(EmbeddedFiles(), ReferenceFiles.QualityIndicators);

    /// <summary>The embedded Catalogue/Data/*.json files: (file name, content).</summary>
    public static IReadOnlyList<(string FileName, string Json)> EmbeddedFiles()
    {
        var assembly = typeof(ServiceCatalogue).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("catalogue/", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (name["catalogue/".Length..], Read(assembly, name)))
            .ToList();
    }

    /// <summary>Builds a catalogue from file contents; used by <see cref="Load"/> and by tests of broken files.</summary>
    public static ServiceCatalogue FromFiles(IEnumerable<(string FileName, string Json)> files, QualityIndicatorsFile indicators)
    {
        var errors = new List<string>();
        var norms = indicators.Services.GroupBy(s => s.Service, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var entries = new List<ServiceEntry>();
        foreach (var (fileName, json) in files)
        {
            ServiceEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<ServiceEntry>(json, ReadOptions);
            }
            catch (JsonException exception)
            {
                errors.Add($"{fileName}: {exception.Message}");
                continue;
            }

            if (entry is null)
            {
                errors.Add($"{fileName}: the file holds no entry.");
                continue;
            }

            var problems = CatalogueValidator.Validate(entry, fileName);
            errors.AddRange(problems.Select(problem => $"{fileName}: {problem}"));
            if (problems.Count == 0)
            {
                if (norms.TryGetValue(entry.Code, out var found) && found is [var only])
                {
                    entries.Add(entry with { QualityIndicators = only.Indicators });
                }
                else
                {
                    errors.Add($"{fileName}: quality indicators: reference/{ReferenceFiles.QualityIndicatorsFileName} must hold one record for '{entry.Code}', "
                        + $"it holds {found?.Count ?? 0}.");
                }
            }
        }

        errors.AddRange(entries.GroupBy(e => e.Code, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"service code '{g.Key}' is defined {g.Count()} times."));
        if (errors.Count > 0)
        {
            throw new CatalogueException("The service catalogue is invalid:" + Environment.NewLine + " - "
                + string.Join(Environment.NewLine + " - ", errors));
        }

        return new ServiceCatalogue(entries.OrderBy(e => e.Code, StringComparer.Ordinal).ToList());
    }

    /// <summary>The file format is strict: unknown members, missing members and nulls where none are allowed fail.</summary>
    internal static readonly JsonSerializerOptions ReadOptions = new(PlatformJson.Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,
    };

    private static Served Serve<T>(T value) where T : class
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, PlatformJson.Options);
        var hash = Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 16));
        return new Served(value as ServiceEntry, json, $"\"{hash}\"");
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record Served(ServiceEntry? Entry, byte[] Json, string ETag);
}

/// <summary>The catalogue files are broken; the message lists every problem found.</summary>
public sealed class CatalogueException : Exception
{
    public CatalogueException()
    {
    }

    public CatalogueException(string message)
        : base(message)
    {
    }

    public CatalogueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
