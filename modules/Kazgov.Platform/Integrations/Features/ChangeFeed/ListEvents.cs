using System.Globalization;
using System.Text.Json;
using Kazgov.Kernel.Events;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Complaints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Integrations.Features.ChangeFeed;

/// <summary>
/// GET /api/v1/events?after=&amp;limit= — the client's own events (the status changes of the
/// applications it submitted, and the answers to complaints about them, for the services it has
/// an events scope for) in commit order.
/// <para>
/// Commit order without gaps: the events are the integration events, keyed by (tx, id), tx being
/// the writing transaction's xid8. PostgreSQL cannot number rows at commit time, and a transaction
/// that began earlier (smaller tx) may commit after a later one; so the feed hands out only events
/// whose tx is below the oldest transaction still in progress (pg_snapshot_xmin of the current
/// snapshot). Every transaction below that horizon has ended, so nothing can commit behind a cursor
/// already given: a slow transaction holds the feed back until it ends instead of slipping behind
/// it. The integration-event dispatcher reads the same way, so webhooks and the feed agree.
/// </para>
/// Events published before SubmittedBy was part of the event are not in the feed.
/// The cursor is the (tx, id) of the last event; it stays valid for ever (events are never renumbered).
/// </summary>
internal static class ListEvents
{
    private const string CursorList = "events";

    public static void MapChangeFeed(this IEndpointRouteBuilder api) =>
        api.MapGet("/events", ListAsync)
            .RequirePolicy(Policies.EventsRead)
            .WithTags("Webhooks")
            .WithName("ListEvents")
            .WithSummary("The client's events in commit order, after a cursor: to resynchronise after an outage.")
            .WithDescription("Cursor-paged with `after` (the `nextCursor` of the previous page; none: from the first event) and `limit` "
                + "(1–200, default 50). Events are the status changes of the applications the client submitted, and the answers to complaints "
                + "about them (`complaint.answered`, which changes no status), for the services it has an `events` scope for; "
                + "each is the `data` a webhook carries. An event whose transaction is still running is not listed until it commits, "
                + "so a cursor never skips an event.")
            .Produces<ApplicationEventPage>()
            .ProducesValidationProblem();

    private static async Task<ApplicationEventPage> ListAsync(string? after, int? limit, IntegrationEventLog events, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var take = Paging.Limit(limit, errors);
        var cursor = Paging.Decode(CursorList, after, 2, errors);
        if (cursor is not null && (!ulong.TryParse(cursor[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                                   || !long.TryParse(cursor[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            errors.Add("after", new Kazgov.Kernel.Localization.LocalizedText(
                "after алдыңғы жауаптағы nextCursor мәні болуы керек",
                "after должен быть значением nextCursor из предыдущего ответа",
                "after must be the nextCursor of a previous response"));
        }

        errors.ThrowIfAny();
        var rows = await events.ReadCommittedAsync(
            new[] { ApplicationStatusChanged.EventType, ComplaintAnswered.EventType },
            cursor?[0] ?? "0",
            cursor is null ? 0L : long.Parse(cursor[1], CultureInfo.InvariantCulture),
            take + 1,
            [("submittedBy", [actor.Id]), ("serviceCode", WebhookSubscriptions.ServicesWith(actor.Scopes, Scopes.Events).ToArray())],
            cancellationToken);
        var page = rows.Take(take).ToList();
        var items = page.Select(r => r.Type == ComplaintAnswered.EventType
            ? ApplicationEventData.From(r.Id, JsonSerializer.Deserialize<ComplaintAnswered>(r.Payload, PlatformJson.Options)!)
            : ApplicationEventData.From(r.Id, JsonSerializer.Deserialize<ApplicationStatusChanged>(r.Payload, PlatformJson.Options)!)).ToList();
        var next = page.Count > 0 ? Paging.Encode(CursorList, page[^1].Tx, page[^1].Id.ToString(CultureInfo.InvariantCulture)) : after;
        return new ApplicationEventPage(items, next, rows.Count > take);
    }
}
