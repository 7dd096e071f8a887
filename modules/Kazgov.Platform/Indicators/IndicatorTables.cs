using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Offices;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Indicators;

/// <summary>The query string of GET /indicators (and of its export), as sent.</summary>
public sealed record IndicatorQuery(string? Period, string? Start, string? By, string? OfficeId, string? Region, string? Service);

public sealed record IndicatorPeriod(string Kind, LocalDate Start, LocalDate End);

/// <summary>One indicator of one office (or region, or the whole country) and service over the period: ids and numbers only.</summary>
/// <param name="OfficeId">by=office; its name is in the table's <c>offices</c>.</param>
/// <param name="Region">The region's code (by=office and by=region); its name is in the table's <c>regions</c>.</param>
/// <param name="Indicator">The number; with the service, its texts and norms are in the table's <c>indicators</c>.</param>
/// <param name="Value">Percent with one decimal; null when it cannot be computed (noDataReason says why), never 100 by default.</param>
/// <param name="MeetsNormative">Against the service's normative (the norm's direction is the API's to know); null without a value or a normative.</param>
/// <param name="NoDataReason"><c>no-source</c>: the platform records nothing to compute it from; <c>no-cases</c>: nothing to count in the period.</param>
public sealed record IndicatorRow(
    string? OfficeId,
    string? Region,
    string Service,
    string Indicator,
    decimal? Value,
    long? Numerator,
    long? Denominator,
    bool? MeetsNormative,
    string? NoDataReason);

/// <summary>An indicator as one service's standard prints it, in the caller's language: once per table, not per row.</summary>
/// <param name="Normative">The appendix's normative; null where the standard sets none.</param>
/// <param name="SeedLine">The line of the service's appendix that prints it; null where there is no appendix.</param>
public sealed record IndicatorOfService(
    string Service, string Indicator, string Group, string Text, decimal? Normative, decimal? NextYearTarget, int? SeedLine);

/// <summary>An office of the table's rows: its name in the caller's language and its region's code.</summary>
public sealed record IndicatorOffice(string Id, string Name, string? Region);

/// <summary>A region of the table's rows: its name in the caller's language.</summary>
public sealed record IndicatorRegion(string Code, string Name);

/// <summary>
/// The body of GET /indicators: the rows carry numbers and ids; the names and texts they refer to
/// are given once (a month of every office is ~16 000 rows; its texts repeated per row were most of
/// the answer's 9 MB and of the host's time).
/// </summary>
public sealed record IndicatorTable(
    IndicatorPeriod Period,
    string By,
    IReadOnlyList<IndicatorRow> Rows,
    IReadOnlyList<IndicatorOfService> Indicators,
    IReadOnlyList<IndicatorOffice> Offices,
    IReadOnlyList<IndicatorRegion> Regions);

/// <summary>Reads the request, applies the caller's reach, sums the day rows and lays out the table.</summary>
internal sealed class IndicatorTables(IndicatorStore store, ServiceIndicators indicators, ServiceCatalogue catalogue, IOfficeList offices, ICurrentActor actor)
{
    public const string NoSource = "no-source";
    public const string NoCases = "no-cases";

    public async Task<IndicatorTable> BuildAsync(IndicatorQuery query, Language language, CancellationToken cancellationToken)
    {
        var all = await offices.AllAsync(cancellationToken);
        var byId = new Dictionary<string, OfficeReference>(all.Count, StringComparer.Ordinal);
        foreach (var office in all)
        {
            byId[office.Id] = office;
        }

        var (period, by) = Read(query, byId);
        var officeFilter = Reach(query, byId);

        // The offices in view: one, a region's or all.
        var inView = new List<OfficeReference>(all.Count);
        foreach (var office in all)
        {
            if ((officeFilter is null || office.Id == officeFilter)
                && (query.Region is null || string.Equals(office.RegionCode, query.Region, StringComparison.Ordinal)))
            {
                inView.Add(office);
            }
        }

        string[]? officeIds = officeFilter is null && query.Region is null ? null : [.. inView.Select(o => o.Id)];
        var sums = await store.PeriodAsync(period.Start, period.End, officeIds, query.Service, cancellationToken);

        // Every office and service the directory lists, even without a single event (its rows say no-cases), and any with data.
        var cells = new Dictionary<(string? Office, string? Region, string Service), IndicatorMeasures>();
        foreach (var office in inView)
        {
            if (office.Retired)
            {
                continue;
            }

            foreach (var service in office.Services)
            {
                if (query.Service is null || service == query.Service)
                {
                    cells.TryAdd(KeyOf(by, office, service), IndicatorMeasures.None);
                }
            }
        }

        foreach (var sum in sums)
        {
            var office = byId.GetValueOrDefault(sum.OfficeId) ?? new OfficeReference(sum.OfficeId, sum.OfficeId, "", []);
            var key = KeyOf(by, office, sum.Service);
            cells[key] = (cells.TryGetValue(key, out var had) ? had : IndicatorMeasures.None).Plus(sum.ToMeasures());
        }

        // Ordered once: region, office, service (ordinal), then each service's indicators in the appendix's order.
        var keys = cells.Keys.ToArray();
        Array.Sort(keys, static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Region ?? "", b.Region ?? "");
            if (c == 0)
            {
                c = string.CompareOrdinal(a.Office ?? "", b.Office ?? "");
            }

            return c != 0 ? c : string.CompareOrdinal(a.Service, b.Service);
        });

        var rows = new List<IndicatorRow>(keys.Length * 12);
        var services = new SortedSet<string>(StringComparer.Ordinal);
        var officesSeen = new List<IndicatorOffice>();
        var regionsSeen = new SortedSet<string>(StringComparer.Ordinal);
        string? lastOffice = null;
        foreach (var key in keys)
        {
            var (officeId, regionCode, service) = key;
            services.Add(service);
            if (regionCode is not null)
            {
                regionsSeen.Add(regionCode);
            }

            if (officeId is not null && officeId != lastOffice)
            {
                officesSeen.Add(new IndicatorOffice(officeId, byId.GetValueOrDefault(officeId)?.Names.In(language) ?? officeId, regionCode));
                lastOffice = officeId;
            }

            var measures = cells[key];
            foreach (var indicator in indicators.Of(service))
            {
                rows.Add(RowOf(indicator, measures, officeId, regionCode));
            }
        }

        var texts = new List<IndicatorOfService>(services.Count * 12);
        foreach (var service in services)
        {
            foreach (var indicator in indicators.Of(service))
            {
                texts.Add(new IndicatorOfService(
                    service, indicator.Number, indicator.Group.Text.ToLocalized().In(language), indicator.Text.ToLocalized().In(language),
                    indicator.Normative, indicator.NextYearTarget, indicator.SeedLine));
            }
        }

        var regions = new List<IndicatorRegion>(regionsSeen.Count);
        foreach (var code in regionsSeen)
        {
            regions.Add(new IndicatorRegion(code, KazRegions.Find(code)?.Names.In(language) ?? code));
        }

        return new IndicatorTable(period, by, rows, texts, officesSeen, regions);
    }

    private static (string? Office, string? Region, string Service) KeyOf(string by, OfficeReference office, string service) => by switch
    {
        "office" => (office.Id, office.RegionCode, service),
        "region" => (null, office.RegionCode, service),
        _ => (null, null, service),
    };

    public static IndicatorRow RowOf(ServiceIndicator indicator, IndicatorMeasures measures, string? officeId, string? region)
    {
        var definition = indicator.Definition;
        if (definition.Formula is not { } formula)
        {
            return new IndicatorRow(officeId, region, indicator.Service, indicator.Number, null, null, null, null, NoSource);
        }

        var (numerator, denominator) = formula(measures);
        var value = IndicatorDefinitions.Percent(numerator, denominator);
        return new IndicatorRow(
            officeId, region, indicator.Service, indicator.Number, value, numerator, denominator,
            IndicatorDefinitions.Meets(definition, value, indicator.Normative), value is null ? NoCases : null);
    }

    private (IndicatorPeriod Period, string By) Read(IndicatorQuery query, Dictionary<string, OfficeReference> offices)
    {
        var errors = new ValidationErrors();
        var kind = query.Period ?? "month";
        if (kind is not ("month" or "quarter" or "year"))
        {
            errors.Add("period", IndicatorMessages.Period);
        }

        var by = query.By ?? "office";
        if (by is not ("office" or "region" or "service"))
        {
            errors.Add("by", IndicatorMessages.By);
        }

        LocalDate? start = null;
        if (query.Start is { } text && LocalDatePattern.Iso.Parse(text) is { Success: true } parsed)
        {
            start = parsed.Value;
        }
        else
        {
            errors.Add("start", IndicatorMessages.Start);
        }

        if (query.Service is { } service && catalogue.Find(service) is null)
        {
            errors.Add("service", IndicatorMessages.UnknownService.Format(service));
        }

        if (query.Region is { } region && KazRegions.Find(region) is null)
        {
            errors.Add("region", IndicatorMessages.UnknownRegion.Format(region));
        }

        if (query.OfficeId is { } officeId && !offices.ContainsKey(officeId))
        {
            errors.Add("officeId", IndicatorMessages.UnknownOffice.Format(officeId));
        }

        errors.ThrowIfAny();
        var first = kind switch
        {
            "year" => new LocalDate(start!.Value.Year, 1, 1),
            "quarter" => new LocalDate(start!.Value.Year, ((start.Value.Month - 1) / 3 * 3) + 1, 1),
            _ => new LocalDate(start!.Value.Year, start.Value.Month, 1),
        };
        if (first != start.Value)
        {
            throw new ProblemException(IndicatorProblems.InvalidPeriodStart, extensions: new Dictionary<string, object?>
            {
                ["expectedStart"] = LocalDatePattern.Iso.Format(first),
            });
        }

        var end = kind switch
        {
            "year" => first.PlusYears(1),
            "quarter" => first.PlusMonths(3),
            _ => first.PlusMonths(1),
        };
        return (new IndicatorPeriod(kind, first, end.PlusDays(-1)), by);
    }

    /// <summary>A unit head sees their own office only (asking for another office or region is 403); an auditor sees all.</summary>
    private string? Reach(IndicatorQuery query, Dictionary<string, OfficeReference> offices)
    {
        if (actor.Role == Roles.Auditor)
        {
            return query.OfficeId;
        }

        var own = actor.OfficeId ?? throw new ProblemException(SecurityProblems.Forbidden, IndicatorMessages.NoOffice);
        var ownRegion = offices.GetValueOrDefault(own)?.RegionCode;
        if ((query.OfficeId is { } asked && asked != own) || (query.Region is { } region && region != ownRegion))
        {
            throw new ProblemException(SecurityProblems.Forbidden, IndicatorMessages.OwnOfficeOnly);
        }

        return own;
    }
}
