using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Security.Clients.Features.Usage;

/// <summary>
/// A client's use of the API: requests per day and per operation, errors, rate-limited requests
/// and its last use, over the last <c>days</c> days (1–90, 30 by default). This host's counts are
/// saved first, so the answer is exact for this host and at most a flush interval behind for others.
/// </summary>
internal static class UsageEndpoints
{
    public const int DefaultDays = 30;
    public const int MaxDays = 90;
    private static readonly DateTimeZone Almaty = DateTimeZoneProviders.Tzdb["Asia/Almaty"];

    public static void MapUsage(this IEndpointRouteBuilder api)
    {
        api.MapGet("/admin/clients/{clientId}/usage", AdminUsageAsync)
            .WithTags("Integrator clients")
            .RequirePolicy(Policies.Admin)
            .WithName("AdminGetApiClientUsage")
            .WithSummary("A client's usage summary by day and operation (administrators).")
            .Produces<ApiClientUsage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/clients/me/usage", OwnUsageAsync)
            .WithTags("Integrator clients")
            .RequirePolicy(Policies.IntegratorClient)
            .WithName("GetOwnClientUsage")
            .WithSummary("The calling client's usage summary by day and operation.")
            .Produces<ApiClientUsage>()
            .ProducesValidationProblem();
    }

    private static async Task<ApiClientUsage> AdminUsageAsync(
        string clientId, int? days, ApiClientRegistry registry, DbSession session, ClientUsageRecorder recorder, IClock clock, CancellationToken cancellationToken)
    {
        var client = await registry.GetAsync(clientId, cancellationToken);
        return await SummaryAsync(client.ClientId, days, session, recorder, clock, cancellationToken);
    }

    private static Task<ApiClientUsage> OwnUsageAsync(
        int? days, ICurrentActor actor, DbSession session, ClientUsageRecorder recorder, IClock clock, CancellationToken cancellationToken) =>
        SummaryAsync(OwnClient.IdOf(actor), days, session, recorder, clock, cancellationToken);

    private static async Task<ApiClientUsage> SummaryAsync(
        string clientId, int? days, DbSession session, ClientUsageRecorder recorder, IClock clock, CancellationToken cancellationToken)
    {
        var span = days ?? DefaultDays;
        if (span is < 1 or > MaxDays)
        {
            new ValidationErrors().Add("days", new LocalizedText($"1-ден {MaxDays}-ға дейін", $"От 1 до {MaxDays}", $"1 to {MaxDays}")).ThrowIfAny();
        }

        await recorder.FlushAsync(cancellationToken);
        var to = clock.GetCurrentInstant().InZone(Almaty).Date;
        var from = to.PlusDays(1 - span);
        var parameters = new { clientId, from, to };
        var perDay = (await session.QueryAsync<Row>(
            """
            SELECT day AS Day, '' AS Operation, sum(requests) AS Requests, sum(client_errors) AS ClientErrors,
                   sum(server_errors) AS ServerErrors, sum(rate_limited) AS RateLimited, max(last_used_at) AS LastUsedAt
            FROM platform.api_client_usage WHERE client_id = @clientId AND day BETWEEN @from AND @to
            GROUP BY day ORDER BY day DESC
            """,
            parameters,
            cancellationToken)).ToList();
        var perOperation = (await session.QueryAsync<Row>(
            """
            SELECT @to AS Day, operation AS Operation, sum(requests) AS Requests, sum(client_errors) AS ClientErrors,
                   sum(server_errors) AS ServerErrors, sum(rate_limited) AS RateLimited, max(last_used_at) AS LastUsedAt
            FROM platform.api_client_usage WHERE client_id = @clientId AND day BETWEEN @from AND @to
            GROUP BY operation ORDER BY sum(requests) DESC, operation
            """,
            parameters,
            cancellationToken)).ToList();
        var lastUsed = await session.ExecuteScalarAsync<Instant?>(
            "SELECT max(last_used_at) FROM platform.api_client_usage WHERE client_id = @clientId", parameters, cancellationToken);

        var totals = new UsageCounts(
            perDay.Sum(row => row.Requests), perDay.Sum(row => row.ClientErrors), perDay.Sum(row => row.ServerErrors), perDay.Sum(row => row.RateLimited));
        return new ApiClientUsage(
            clientId,
            from,
            to,
            lastUsed,
            totals,
            perDay.Select(row => new UsageDay(row.Day, row.Counts)).ToList(),
            perOperation.Select(row => new UsageOperation(row.Operation, row.Counts, row.LastUsedAt)).ToList());
    }

    private sealed class Row
    {
        public LocalDate Day { get; init; }

        public string Operation { get; init; } = "";

        public long Requests { get; init; }

        public long ClientErrors { get; init; }

        public long ServerErrors { get; init; }

        public long RateLimited { get; init; }

        public Instant LastUsedAt { get; init; }

        public UsageCounts Counts => new(Requests, ClientErrors, ServerErrors, RateLimited);
    }
}
