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

/// <summary>One indicator of one office (or region, or the whole country) and service over the period.</summary>
/// <param name="Value">Percent with one decimal; null when it cannot be computed (noDataReason says why), never 100 by default.</param>
/// <param name="NoDataReason"><c>no-source</c>: the platform records nothing to compute it from; <c>no-cases</c>: nothing to count in the period.</param>
public sealed record IndicatorRow(
    string? OfficeId,
    string? OfficeName,
    string? Region,
    string? RegionName,
    string? Service,
    string Indicator,
    string Group,
    string Text,
    decimal? Value,
    long? Numerator,
    long? Denominator,
    decimal? Normative,
    decimal? NextYearTarget,
    bool? MeetsNormative,
    string? NoDataReason,
    int? SeedLine);

/// <summary>The body of GET /indicators.</summary>
public sealed record IndicatorTable(IndicatorPeriod Period, string By, IReadOnlyList<IndicatorRow> Rows);

/// <summary>Reads the request, applies the caller's reach, sums the day rows and lays out the table.</summary>
internal sealed class IndicatorTables(IndicatorStore store, ServiceIndicators indicators, ServiceCatalogue catalogue, IOfficeList offices, ICurrentActor actor)
{
    public const string NoSource = "no-source";
    public const string NoCases = "no-cases";

    public async Task<IndicatorTable> BuildAsync(IndicatorQuery query, Language language, CancellationToken cancellationToken)
    {
        var all = await offices.AllAsync(cancellationToken);
        var byId = all.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var (period, by) = Read(query, byId);
        var officeFilter = Reach(query, byId);

        // The offices in view: one, a region's or all.
        var inView = all.Where(o => (officeFilter is null || o.Id == officeFilter)
            && (query.Region is null || string.Equals(o.RegionCode, query.Region, StringComparison.Ordinal))).ToList();
        string[]? officeIds = officeFilter is null && query.Region is null ? null : [.. inView.Select(o => o.Id)];
        var sums = await store.PeriodAsync(period.Start, period.End, officeIds, query.Service, cancellationToken);

        // Every office and service the directory lists, even without a single event (its rows say no-cases), and any with data.
        var cells = new Dictionary<(string? Office, string? Region, string Service), IndicatorMeasures>();
        foreach (var office in inView.Where(o => !o.Retired))
        {
            foreach (var service in office.Services.Where(s => query.Service is null || s == query.Service))
            {
                cells.TryAdd(KeyOf(by, office, service), IndicatorMeasures.None);
            }
        }

        foreach (var sum in sums)
        {
            var office = byId.GetValueOrDefault(sum.OfficeId) ?? new OfficeReference(sum.OfficeId, sum.OfficeId, "", []);
            var key = KeyOf(by, office, sum.Service);
            cells[key] = (cells.TryGetValue(key, out var had) ? had : IndicatorMeasures.None).Plus(sum.ToMeasures());
        }

        var rows = new List<IndicatorRow>(cells.Count * 12);
        foreach (var ((officeId, regionCode, service), measures) in cells
            .OrderBy(c => c.Key.Region ?? "", StringComparer.Ordinal)
            .ThenBy(c => c.Key.Office ?? "", StringComparer.Ordinal)
            .ThenBy(c => c.Key.Service, StringComparer.Ordinal))
        {
            var office = officeId is null ? null : byId.GetValueOrDefault(officeId);
            var region = KazRegions.Find(regionCode);
            foreach (var indicator in indicators.Of(service))
            {
                rows.Add(RowOf(indicator, measures, officeId, office?.Names.In(language) ?? officeId, regionCode, region?.Names.In(language), language));
            }
        }

        return new IndicatorTable(period, by, rows);
    }

    private static (string? Office, string? Region, string Service) KeyOf(string by, OfficeReference office, string service) => by switch
    {
        "office" => (office.Id, office.RegionCode, service),
        "region" => (null, office.RegionCode, service),
        _ => (null, null, service),
    };

    public static IndicatorRow RowOf(
        ServiceIndicator indicator, IndicatorMeasures measures, string? officeId, string? officeName, string? region, string? regionName, Language language)
    {
        var definition = IndicatorDefinitions.Of(indicator.Number);
        long? numerator = null, denominator = null;
        decimal? value = null;
        string? reason = NoSource;
        if (definition.Formula is { } formula)
        {
            (var n, var d) = formula(measures);
            (numerator, denominator) = (n, d);
            value = IndicatorDefinitions.Percent(n, d);
            reason = value is null ? NoCases : null;
        }

        return new IndicatorRow(
            officeId, officeName, region, regionName, indicator.Service, indicator.Number,
            indicator.Group.Text.ToLocalized().In(language), indicator.Text.ToLocalized().In(language),
            value, numerator, denominator, indicator.Normative, indicator.NextYearTarget,
            IndicatorDefinitions.Meets(definition, value, indicator.Normative), reason, indicator.SeedLine);
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
