using System.Globalization;
using System.Text;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;
using NodaTime.Text;

namespace Kazgov.Platform.Indicators.Features.Export;

/// <summary>An indicator table as a file: its bytes, media type and name.</summary>
internal sealed record IndicatorFile(byte[] Content, string ContentType, string FileName);

/// <summary>GET /indicators/export?format=csv|xlsx&amp;…: the same table as GET /indicators, as a file with headers in the caller's language.</summary>
internal sealed record ExportIndicatorTable(string? Format, IndicatorQuery Query, Language Language) : IQuery<IndicatorFile>;

internal sealed class ExportIndicatorTableHandler(IndicatorTables tables) : IQueryHandler<ExportIndicatorTable, IndicatorFile>
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The columns, with their headers in kk/ru/en: a file is read by people, so beside the JSON row's ids and numbers
    /// it carries the names and texts the JSON gives once per table (office, region, group, text, normative, target, seed line).
    /// </summary>
    public static readonly IReadOnlyList<(LocalizedText Header, Func<ExportLine, object?> Value)> Columns =
    [
        (new("Бөлімше коды", "Код подразделения", "Office id"), l => l.Row.OfficeId),
        (new("Бөлімше", "Подразделение", "Office"), l => l.OfficeName),
        (new("Өңір коды", "Код региона", "Region id"), l => l.Row.Region),
        (new("Өңір", "Регион", "Region"), l => l.RegionName),
        (new("Қызмет", "Услуга", "Service"), l => l.Row.Service),
        (new("Көрсеткіш", "Показатель", "Indicator"), l => l.Row.Indicator),
        (new("Топ", "Группа", "Group"), l => l.Indicator?.Group),
        (new("Атауы", "Наименование", "Text"), l => l.Indicator?.Text),
        (new("Мәні, %", "Значение, %", "Value, %"), l => l.Row.Value),
        (new("Алымы", "Числитель", "Numerator"), l => l.Row.Numerator),
        (new("Бөлімі", "Знаменатель", "Denominator"), l => l.Row.Denominator),
        (new("Нормативтік мәні, %", "Нормативное значение, %", "Normative, %"), l => l.Indicator?.Normative),
        (new("Келесі жылғы нысаналы мәні, %", "Целевое значение на следующий год, %", "Next year's target, %"), l => l.Indicator?.NextYearTarget),
        (new("Нормативке сәйкес", "Соответствует нормативу", "Meets the normative"), l => l.Row.MeetsNormative),
        (new("Дерек жоқ себебі", "Причина отсутствия данных", "No data reason"), l => l.Row.NoDataReason),
        (new("Тармақ жолы", "Строка стандарта", "Seed line"), l => l.Indicator?.SeedLine),
    ];

    public async ValueTask<IndicatorFile> Handle(ExportIndicatorTable query, CancellationToken cancellationToken)
    {
        var format = query.Format ?? "csv";
        if (format is not ("csv" or "xlsx"))
        {
            new ValidationErrors().Add("format", IndicatorMessages.Format).ThrowIfAny();
        }

        var table = await tables.BuildAsync(query.Query, query.Language, cancellationToken);
        var lines = Lines(table);
        var name = $"indicators-{table.By}-{table.Period.Kind}-{LocalDatePattern.Iso.Format(table.Period.Start)}.{format}";
        return format == "csv"
            ? new IndicatorFile(Csv(lines, query.Language), "text/csv; charset=utf-8", name)
            : new IndicatorFile(Xlsx(lines, query.Language), XlsxType, name);
    }

    /// <summary>A row of the file: the table's row with the names and texts it refers to.</summary>
    internal sealed record ExportLine(IndicatorRow Row, string? OfficeName, string? RegionName, IndicatorOfService? Indicator);

    private static List<ExportLine> Lines(IndicatorTable table)
    {
        var offices = table.Offices.ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var regions = table.Regions.ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
        var indicators = table.Indicators.ToDictionary(i => (i.Service, i.Indicator));
        var lines = new List<ExportLine>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            lines.Add(new ExportLine(
                row,
                row.OfficeId is null ? null : offices.GetValueOrDefault(row.OfficeId),
                row.Region is null ? null : regions.GetValueOrDefault(row.Region),
                indicators.GetValueOrDefault((row.Service, row.Indicator))));
        }

        return lines;
    }

    /// <summary>UTF-8 with a byte order mark (so Excel reads Cyrillic and Kazakh letters), comma-separated, RFC 4180 quoting, invariant numbers.</summary>
    private static byte[] Csv(List<ExportLine> lines, Language language)
    {
        var text = new StringBuilder(lines.Count * 400);
        AppendLine(text, Columns.Select(c => c.Header.In(language)));
        foreach (var line in lines)
        {
            AppendLine(text, Columns.Select(c => Format(c.Value(line))));
        }

        var all = text.ToString();
        var bytes = new byte[3 + Encoding.UTF8.GetByteCount(all)];
        Encoding.UTF8.GetPreamble().CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(all, 0, all.Length, bytes, 3);
        return bytes;
    }

    private static void AppendLine(StringBuilder text, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }

            AppendQuoted(text, cell);
            first = false;
        }

        text.Append("\r\n");
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void AppendQuoted(StringBuilder text, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(value);
            return;
        }

        text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static byte[] Xlsx(List<ExportLine> lines, Language language)
    {
        var headers = Columns.Select(c => c.Header.In(language)).ToArray();
        var rows = lines.Select(line =>
        {
            var cells = new Dictionary<string, object?>(headers.Length, StringComparer.Ordinal);
            for (var i = 0; i < Columns.Count; i++)
            {
                cells[headers[i]] = Columns[i].Value(line) switch
                {
                    bool b => b ? "true" : "false",
                    var v => v,
                };
            }

            return cells;
        }).ToList();
        if (rows.Count == 0)
        {
            // An empty sheet still carries its headers.
            rows.Add(headers.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        }

        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, sheetName: "indicators");
        return stream.ToArray();
    }
}

internal static class ExportIndicatorTableEndpoint
{
    public static void MapIndicatorExport(this RouteGroupBuilder indicators) =>
        indicators.MapGet("/export", async (string? format, string? period, string? start, string? by, string? officeId, string? region, string? service,
                HttpContext context, ISender sender, CancellationToken cancellationToken) =>
            {
                var file = await sender.Send(
                    new ExportIndicatorTable(format, new IndicatorQuery(period, start, by, officeId, region, service), RequestLanguage.Of(context)),
                    cancellationToken);
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .RequirePolicy(Policies.IndicatorsRead)
            .WithName("ExportIndicators")
            .WithSummary("The table of GET /indicators (same query) as a file to download: format=csv (UTF-8 with BOM, comma-separated) or "
                + "xlsx; column headers in the caller's language.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: ExportIndicatorTableHandler.XlsxType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
