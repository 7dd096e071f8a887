using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Fees;

/// <summary>Fee quotes and the MCI table under /api/v1.</summary>
internal static class FeeEndpoints
{
    private const decimal MaxMci = 9_999_999_999.99m;

    public static void MapFeeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/fees/quote", QuoteAsync)
            .AllowPublic()
            .WithTags("Fees")
            .WithName("QuoteFees")
            .Produces<FeeQuoteResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The amount due in KZT for a service's fee items (all of them when items is omitted) paid on paymentDate.");

        var mci = api.MapGroup("/reference/mci").WithTags("Reference data");
        mci.MapGet("/", ListAsync).WithName("ListMciRates").RequirePolicy(Policies.Staff).Produces<MciRatesResponse>().WithSummary("The MCI table: one row per change, in force until the next row.");
        mci.MapPut("/{effectiveFrom}", PutAsync).WithName("SetMciRate").RequirePolicy(Policies.Admin)
            .Produces<MciRateResponse>().Produces<MciRateResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Sets the MCI value in force from a date.");
        mci.MapDelete("/{effectiveFrom}", DeleteAsync).WithName("DeleteMciRate").RequirePolicy(Policies.Admin)
            // It answers 204; the released contract said 200, which stays declared (a response is never removed).
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Removes the MCI row effective from a date.");
    }

    private static async Task<IResult> QuoteAsync(string? service, string? paymentDate, HttpContext context, IServiceTerms terms, MciStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("service", service);
        var date = RequestValues.Date(errors, "paymentDate", paymentDate);
        errors.ThrowIfAny();
        var code = service!.Trim();
        if (!terms.ServiceExists(code))
        {
            throw ServiceTermsProblems.UnknownServiceCode(code);
        }

        // items=a,b and items=a&items=b both work; DESIGN.md's singular item= too.
        var requested = context.Request.Query["items"].Concat(context.Request.Query["item"])
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        IReadOnlyList<ServiceFeeItem> items;
        if (requested.Count == 0)
        {
            items = terms.FeeItems(code);
        }
        else
        {
            var unknown = requested.Where(item => terms.FindFeeItem(code, item) is null).Distinct(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                var names = string.Join(", ", unknown);
                var known = string.Join(", ", terms.FeeItems(code).Select(i => i.Code));
                throw new ProblemException(ServiceTermsProblems.UnknownFeeItem, new LocalizedText(
                    "«{0}» қызметінде мұндай төлем баптары жоқ: {1}; бары: {2}",
                    "У услуги «{0}» нет таких статей оплаты: {1}; есть: {2}",
                    "The service '{0}' has no fee item {1}; it has: {2}").Format(code, names, known.Length == 0 ? "—" : known),
                    extensions: new Dictionary<string, object?> { ["service"] = code, ["items"] = unknown.ToArray() });
            }

            items = requested.Select(item => terms.FindFeeItem(code, item)!).ToList();
        }

        var quote = new FeeCalculator(await store.LoadAsync(cancellationToken))
            .Quote(items.Select(i => (i.Code, i.PercentOfMci)).ToList(), date!.Value);
        return Results.Ok(new FeeQuoteResponse(
            code,
            quote.PaymentDate,
            new FeeQuoteMci(quote.Mci.Value, quote.Mci.EffectiveFrom),
            quote.Lines.Select(l => new FeeQuoteLine(l.Item, l.PercentOfMci, l.Amount)).ToList(),
            quote.Total,
            "KZT"));
    }

    private static async Task<IResult> ListAsync(MciStore store, CancellationToken cancellationToken) =>
        Results.Ok(new MciRatesResponse((await store.ListAsync(cancellationToken)).Select(MciRateResponse.From).ToList()));

    private static async Task<IResult> PutAsync(string effectiveFrom, RateBody body, MciStore store, IClock clock, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var date = RequestValues.Date(errors, "effectiveFrom", effectiveFrom);
        if (body.Value is null)
        {
            errors.Add("value", CommonMessages.Required);
        }
        else if (body.Value <= 0 || body.Value > MaxMci || decimal.Round(body.Value.Value, 2) != body.Value)
        {
            errors.Add("value", new("АЕК мәні оң сан болуы керек, теңгемен, ең көбі екі ондық таңбамен",
                "Значение МРП должно быть положительным числом в тенге, не более двух знаков после запятой",
                "The MCI value must be a positive amount of tenge with at most two decimals"));
        }

        errors.ThrowIfAny();
        var (row, created) = await store.UpsertAsync(date!.Value, body.Value!.Value, clock.GetCurrentInstant(), actor.Id, cancellationToken);
        var response = MciRateResponse.From(row);
        return created
            ? Results.Created("/api/v1/reference/mci/" + NodaTime.Text.LocalDatePattern.Iso.Format(row.EffectiveFrom), response)
            : Results.Ok(response);
    }

    private static async Task<IResult> DeleteAsync(string effectiveFrom, MciStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var date = RequestValues.Date(errors, "effectiveFrom", effectiveFrom);
        errors.ThrowIfAny();
        return await store.DeleteAsync(date!.Value, cancellationToken)
            ? Results.NoContent()
            : throw new ProblemException(FeeProblems.MciRateNotFound);
    }

    internal sealed record FeeQuoteResponse(string Service, LocalDate PaymentDate, FeeQuoteMci Mci, IReadOnlyList<FeeQuoteLine> Lines, decimal Total, string Currency);

    internal sealed record FeeQuoteMci(decimal Value, LocalDate EffectiveFrom);

    internal sealed record FeeQuoteLine(string Item, decimal PercentOfMci, decimal Amount);

    internal sealed record RateBody(decimal? Value);

    internal sealed record MciRatesResponse(IReadOnlyList<MciRateResponse> Items);

    internal sealed record MciRateResponse(LocalDate EffectiveFrom, decimal Value, Instant ChangedAt, string ChangedBy)
    {
        public static MciRateResponse From(MciStore.Row row) => new(row.EffectiveFrom, FeeCalculator.Normalize(row.Kzt), row.ChangedAt, row.ChangedBy);
    }
}
