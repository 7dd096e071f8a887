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

    /// <summary>The columns in the order of the JSON row, with their headers in kk/ru/en.</summary>
    public static readonly IReadOnlyList<(LocalizedText Header, Func<IndicatorRow, object?> Value)> Columns =
    [
        (new("Бөлімше коды", "Код подразделения", "Office id"), r => r.OfficeId),
        (new("Бөлімше", "Подразделение", "Office"), r => r.OfficeName),
        (new("Өңір коды", "Код региона", "Region id"), r => r.Region),
        (new("Өңір", "Регион", "Region"), r => r.RegionName),
        (new("Қызмет", "Услуга", "Service"), r => r.Service),
        (new("Көрсеткіш", "Показатель", "Indicator"), r => r.Indicator),
        (new("Топ", "Группа", "Group"), r => r.Group),
        (new("Атауы", "Наименование", "Text"), r => r.Text),
        (new("Мәні, %", "Значение, %", "Value, %"), r => r.Value),
        (new("Алымы", "Числитель", "Numerator"), r => r.Numerator),
        (new("Бөлімі", "Знаменатель", "Denominator"), r => r.Denominator),
        (new("Нормативтік мәні, %", "Нормативное значение, %", "Normative, %"), r => r.Normative),
        (new("Келесі жылғы нысаналы мәні, %", "Целевое значение на следующий год, %", "Next year's target, %"), r => r.NextYearTarget),
        (new("Нормативке сәйкес", "Соответствует нормативу", "Meets the normative"), r => r.MeetsNormative),
        (new("Дерек жоқ себебі", "Причина отсутствия данных", "No data reason"), r => r.NoDataReason),
        (new("Тармақ жолы", "Строка стандарта", "Seed line"), r => r.SeedLine),
    ];

    public async ValueTask<IndicatorFile> Handle(ExportIndicatorTable query, CancellationToken cancellationToken)
    {
        var format = query.Format ?? "csv";
        if (format is not ("csv" or "xlsx"))
        {
            new ValidationErrors().Add("format", IndicatorMessages.Format).ThrowIfAny();
        }

        var table = await tables.BuildAsync(query.Query, query.Language, cancellationToken);
        var name = $"indicators-{table.By}-{table.Period.Kind}-{LocalDatePattern.Iso.Format(table.Period.Start)}.{format}";
        return format == "csv"
            ? new IndicatorFile(Csv(table, query.Language), "text/csv; charset=utf-8", name)
            : new IndicatorFile(Xlsx(table, query.Language), XlsxType, name);
    }

    /// <summary>UTF-8 with a byte order mark (so Excel reads Cyrillic and Kazakh letters), comma-separated, RFC 4180 quoting, invariant numbers.</summary>
    private static byte[] Csv(IndicatorTable table, Language language)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns.Select(c => Quote(c.Header.In(language))))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            text.Append(string.Join(',', Columns.Select(c => Quote(Format(c.Value(row)))))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static byte[] Xlsx(IndicatorTable table, Language language)
    {
        var headers = Columns.Select(c => c.Header.In(language)).ToArray();
        var rows = table.Rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < Columns.Count; i++)
            {
                cells[headers[i]] = Columns[i].Value(row) switch
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
