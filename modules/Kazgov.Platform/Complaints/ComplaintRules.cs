using System.Globalization;
using System.Text.RegularExpressions;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using NodaTime;

namespace Kazgov.Platform.Complaints;

/// <summary>Where a complaint stands. Serialised kebab-case: received, under-review, answered.</summary>
public enum ComplaintStatus
{
    Received,
    UnderReview,
    Answered,
}

/// <summary>What staff can do to a registered complaint (the names of the endpoints that do it).</summary>
public enum ComplaintAction
{
    Review,
    Answer,
}

/// <summary>
/// received → under-review → answered. The seed knows only "registered in the journal, reviewed
/// within the term, the complainant told the outcome" (e.g. driver-licence §22); the review step
/// records who took the complaint up.
/// </summary>
public static class ComplaintLifecycle
{
    private static readonly Dictionary<ComplaintStatus, ComplaintAction[]> Allowed = new()
    {
        [ComplaintStatus.Received] = [ComplaintAction.Review],
        [ComplaintStatus.UnderReview] = [ComplaintAction.Answer],
        [ComplaintStatus.Answered] = [],
    };

    public static IReadOnlyList<ComplaintAction> AllowedActions(ComplaintStatus status) => Allowed[status];

    public static bool CanApply(ComplaintStatus status, ComplaintAction action) => Allowed[status].Contains(action);

    public static bool IsOpen(ComplaintStatus status) => status != ComplaintStatus.Answered;

    public static ComplaintStatus Target(ComplaintAction action) => action switch
    {
        ComplaintAction.Review => ComplaintStatus.UnderReview,
        ComplaintAction.Answer => ComplaintStatus.Answered,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static string ToCode(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Received => "received",
        ComplaintStatus.UnderReview => "under-review",
        ComplaintStatus.Answered => "answered",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ToCode(ComplaintAction action) => action switch
    {
        ComplaintAction.Review => "review",
        ComplaintAction.Answer => "answer",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static bool TryParseStatus(string? code, out ComplaintStatus status)
    {
        foreach (var candidate in Enum.GetValues<ComplaintStatus>())
        {
            if (string.Equals(ToCode(candidate), code, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}

/// <summary>The ways a complaint arrives or its answer leaves, as the catalogue's <see cref="ComplaintChannel"/> codes.</summary>
public static class ComplaintChannels
{
    public static readonly IReadOnlyList<ComplaintChannel> All = [ComplaintChannel.Post, ComplaintChannel.EMail, ComplaintChannel.InPerson];

    public static string ToCode(ComplaintChannel channel) => channel switch
    {
        ComplaintChannel.Post => "post",
        ComplaintChannel.EMail => "e-mail",
        ComplaintChannel.InPerson => "in-person",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static bool TryParse(string? code, out ComplaintChannel channel)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(ToCode(candidate), code, StringComparison.Ordinal))
            {
                channel = candidate;
                return true;
            }
        }

        channel = default;
        return false;
    }
}

/// <summary>
/// Journal numbers: <c>Ш-YYYY-NNNNNN</c> — "Ш" for шағым (complaint), the year of registration
/// (Asia/Almaty) and the complaint's place in that year's journal, from 000001, zero-padded to six
/// digits (a seventh digit is added past 999 999). One journal for the platform: numbers are unique
/// across offices, so a number alone finds the complaint.
/// </summary>
public static partial class JournalNumbers
{
    public const string Prefix = "Ш";

    public static string Format(int year, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{year:D4}-{sequence:D6}");
    }

    /// <summary>Reads a number written by <see cref="Format"/>; anything else (another padding, another prefix) is not a journal number.</summary>
    public static bool TryParse(string? number, out int year, out int sequence)
    {
        year = 0;
        sequence = 0;
        var match = number is null ? Match.Empty : Pattern().Match(number);
        if (!match.Success
            || !int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || parsed < 1)
        {
            return false;
        }

        var parsedYear = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        if (parsedYear < 1000 || Format(parsedYear, parsed) != number)
        {
            return false;
        }

        (year, sequence) = (parsedYear, parsed);
        return true;
    }

    [GeneratedRegex("^Ш-([0-9]{4})-([0-9]{6,})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>The review term and the due moment of a complaint.</summary>
public static class ComplaintTerms
{
    /// <summary>
    /// The catalogue's review term of the service: P1M for most standards (e.g. driver-licence §22,
    /// citizenship §24, weapon-registration §21), P15D for vehicle-registration §22. Where the seed says
    /// only "within the term set by law" (address-certificate §22, residence-permit §22,
    /// temporary-registration §22, permanent-residence §22) the catalogue gives none: null, and the
    /// complaint has no computed due date (the seed names no term to compute it from).
    /// </summary>
    public static Period? ReviewTerm(ServiceEntry entry) =>
        entry.Complaints.ReviewTerm is { } term ? NodaTime.Text.PeriodPattern.NormalizingIso.Parse(term).Value : null;

    /// <summary>
    /// The term runs in calendar time from the day the complaint was received (that day not counted);
    /// a last day that is a day off moves the end to the end of the next working day (<see cref="DeadlineEngine"/>).
    /// </summary>
    public static Deadline Due(DeadlineEngine engine, Instant receivedAt, Period reviewTerm) =>
        engine.Compute(new DeadlineRequest(receivedAt, reviewTerm, DeadlineClock.Calendar));

    /// <summary>Overdue: not answered, and the due moment (exclusive) has come.</summary>
    public static bool IsOverdue(ComplaintStatus status, Instant? dueAt, Instant now) => ComplaintLifecycle.IsOpen(status) && dueAt <= now;
}
