using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Complaints;
using Kazgov.Platform.Tests.Catalogue;
using NodaTime;

namespace Kazgov.Platform.Tests.Complaints;

/// <summary>The pure rules of the complaints journal: numbers, review terms, due dates, the lifecycle.</summary>
public sealed class ComplaintRulesTests
{
    private static readonly DeadlineEngine Engine = new(HolidayRuleDefaults.Calendar());

    private static ServiceCatalogue Catalogue => SeedText.Catalogue;

    /// <summary>A local Asia/Almaty moment (UTC+5 since 2024-03-01).</summary>
    private static Instant At(int year, int month, int day, int hour) =>
        new LocalDateTime(year, month, day, hour, 0).InZoneStrictly(WorkingCalendar.Zone).ToInstant();

    [Theory]
    [InlineData(2026, 17, "Ш-2026-000017")]
    [InlineData(2026, 1, "Ш-2026-000001")]
    [InlineData(2027, 999999, "Ш-2027-999999")]
    [InlineData(2027, 1000000, "Ш-2027-1000000")]
    public void A_journal_number_is_Sh_year_and_a_six_digit_sequence(int year, int sequence, string expected)
    {
        JournalNumbers.Format(year, sequence).Should().Be(expected);

        JournalNumbers.TryParse(expected, out var parsedYear, out var parsedSequence).Should().BeTrue();
        (parsedYear, parsedSequence).Should().Be((year, sequence));
    }

    [Theory]
    [InlineData("Ш-2026-17")]
    [InlineData("Ш-2026-0000017")]
    [InlineData("Ш-2026-000000")]
    [InlineData("W-2026-000017")]
    [InlineData("ш-2026-000017")]
    [InlineData("Ш-26-000017")]
    [InlineData("Ш-2026-000017 ")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_journal_number(string? number) =>
        JournalNumbers.TryParse(number, out _, out _).Should().BeFalse();

    [Fact]
    public void A_sequence_below_one_cannot_be_formatted() =>
        FluentActions.Invoking(() => JournalNumbers.Format(2026, 0)).Should().Throw<ArgumentOutOfRangeException>();

    [Theory]
    [InlineData("vehicle-registration", "P15D")]      // vehicle-registration §22: 15 days
    [InlineData("driver-licence", "P1M")]             // driver-licence §22: 1 month
    [InlineData("proxy-driver-registration", "P1M")]  // proxy-driver-registration §20
    [InlineData("citizenship", "P1M")]                // citizenship §24
    [InlineData("weapon-registration", "P1M")]        // weapon-registration §21
    public void The_review_term_comes_from_the_catalogue(string service, string term)
    {
        var entry = Catalogue.Find(service)!;

        ComplaintTerms.ReviewTerm(entry).Should().Be(NodaTime.Text.PeriodPattern.NormalizingIso.Parse(term).Value);
        entry.Complaints.ReviewTerm.Should().Be(term);
    }

    [Theory]
    [InlineData("address-certificate")]     // §22 "within the terms set by law"
    [InlineData("residence-permit")]        // §22 "within the term set by legislation"
    [InlineData("temporary-registration")]  // §22
    [InlineData("permanent-residence")]     // §22
    public void Where_the_standard_gives_no_number_there_is_no_review_term(string service)
    {
        var entry = Catalogue.Find(service)!;

        entry.Complaints.ReviewTerm.Should().BeNull();
        ComplaintTerms.ReviewTerm(entry).Should().BeNull();
        entry.Complaints.ReviewTermText.En.Should().Contain("set by");
    }

    [Fact]
    public void Every_service_of_the_catalogue_has_its_review_term_checked_here() =>
        Catalogue.All.Select(e => e.Code).Should().HaveCount(9);

    [Fact]
    public void Received_9_April_with_a_month_is_due_at_the_end_of_12_May()
    {
        // 2026-04-09 + P1M = Saturday 9 May (Victory Day); Sunday 10 May; Monday 11 May is Victory Day's
        // carried-over day off; so the term ends at the end of Tuesday 12 May (00:00 of 13 May, Almaty, UTC+5).
        var due = ComplaintTerms.Due(Engine, At(2026, 4, 9, 10), ComplaintTerms.ReviewTerm(Catalogue.Find("driver-licence")!)!);

        due.DueDate.Should().Be(new LocalDate(2026, 5, 12));
        due.DueAt.Should().Be(Instant.FromUtc(2026, 5, 12, 19, 0));
        due.Clock.Should().Be(DeadlineClock.Calendar);
    }

    [Fact]
    public void Vehicle_registration_received_10_March_with_15_days_is_due_at_the_end_of_26_March()
    {
        // 2026-03-10 + P15D = Wednesday 25 March: Nauryz (21–23 March, Saturday to Monday) carries two days
        // off to Tuesday 24 and Wednesday 25 March, so the term ends at the end of Thursday 26 March.
        var due = ComplaintTerms.Due(Engine, At(2026, 3, 10, 10), ComplaintTerms.ReviewTerm(Catalogue.Find("vehicle-registration")!)!);

        due.DueDate.Should().Be(new LocalDate(2026, 3, 26));
        due.DueAt.Should().Be(Instant.FromUtc(2026, 3, 26, 19, 0));
    }

    [Fact]
    public void A_term_ending_on_a_working_day_ends_at_the_end_of_that_day()
    {
        // 2026-03-10 + P1M = Friday 10 April, a working day.
        var due = ComplaintTerms.Due(Engine, At(2026, 3, 10, 17), Period.FromMonths(1));

        due.DueDate.Should().Be(new LocalDate(2026, 4, 10));
        due.DueAt.Should().Be(Instant.FromUtc(2026, 4, 10, 19, 0));
    }

    [Fact]
    public void A_complaint_received_late_in_the_evening_counts_from_that_local_day()
    {
        // 23:30 in Almaty on 9 April is still 9 April there (18:30 UTC): the same due date as any time that day.
        var due = ComplaintTerms.Due(Engine, Instant.FromUtc(2026, 4, 9, 18, 30), Period.FromMonths(1));

        due.DueDate.Should().Be(new LocalDate(2026, 5, 12));
    }

    [Fact]
    public void Overdue_means_open_and_the_due_moment_has_come()
    {
        var dueAt = Instant.FromUtc(2026, 5, 12, 19, 0);

        ComplaintTerms.IsOverdue(ComplaintStatus.Received, dueAt, dueAt - Duration.Epsilon).Should().BeFalse();
        ComplaintTerms.IsOverdue(ComplaintStatus.Received, dueAt, dueAt).Should().BeTrue();
        ComplaintTerms.IsOverdue(ComplaintStatus.UnderReview, dueAt, dueAt + Duration.FromDays(1)).Should().BeTrue();
        ComplaintTerms.IsOverdue(ComplaintStatus.Answered, dueAt, dueAt + Duration.FromDays(1)).Should().BeFalse();
    }

    [Fact]
    public void The_lifecycle_is_received_then_under_review_then_answered()
    {
        ComplaintLifecycle.AllowedActions(ComplaintStatus.Received).Should().Equal(ComplaintAction.Review);
        ComplaintLifecycle.AllowedActions(ComplaintStatus.UnderReview).Should().Equal(ComplaintAction.Answer);
        ComplaintLifecycle.AllowedActions(ComplaintStatus.Answered).Should().BeEmpty();
        ComplaintLifecycle.Target(ComplaintAction.Review).Should().Be(ComplaintStatus.UnderReview);
        ComplaintLifecycle.Target(ComplaintAction.Answer).Should().Be(ComplaintStatus.Answered);
        ComplaintLifecycle.CanApply(ComplaintStatus.Received, ComplaintAction.Answer).Should().BeFalse();
        ComplaintLifecycle.CanApply(ComplaintStatus.Answered, ComplaintAction.Review).Should().BeFalse();
    }

    [Theory]
    [InlineData(ComplaintStatus.Received, "received")]
    [InlineData(ComplaintStatus.UnderReview, "under-review")]
    [InlineData(ComplaintStatus.Answered, "answered")]
    public void Statuses_have_stable_codes(ComplaintStatus status, string code)
    {
        ComplaintLifecycle.ToCode(status).Should().Be(code);
        ComplaintLifecycle.TryParseStatus(code, out var parsed).Should().BeTrue();
        parsed.Should().Be(status);
    }

    [Theory]
    [InlineData(ComplaintChannel.Post, "post")]
    [InlineData(ComplaintChannel.EMail, "e-mail")]
    [InlineData(ComplaintChannel.InPerson, "in-person")]
    public void Channels_have_the_catalogues_codes(ComplaintChannel channel, string code)
    {
        ComplaintChannels.ToCode(channel).Should().Be(code);
        ComplaintChannels.TryParse(code, out var parsed).Should().BeTrue();
        parsed.Should().Be(channel);
        ComplaintChannels.TryParse(code.ToUpperInvariant(), out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("driver-licence", 4, "post,e-mail,in-person")]             // §20: district/city, region, committee, ministry
    [InlineData("vehicle-registration", 4, "post,e-mail,in-person")]       // §20-§21
    [InlineData("proxy-driver-registration", 4, "post,e-mail,in-person")]  // §18-§19
    [InlineData("address-certificate", 4, "post,in-person")]               // §20-§21: bureau, departments, IT service, ministry; no e-mail
    [InlineData("weapon-registration", 3, "post,e-mail,in-person")]        // §21: city/district, departments, committee
    [InlineData("citizenship", 4, "post,e-mail,in-person")]                // §22
    [InlineData("residence-permit", 4, "post,e-mail,in-person")]           // §21
    [InlineData("temporary-registration", 4, "post,e-mail,in-person")]     // §21
    [InlineData("permanent-residence", 4, "post,e-mail,in-person")]        // §21
    public void Each_complaint_route_lists_only_authorities(string service, int levels, string channels)
    {
        var complaints = Catalogue.Find(service)!.Complaints;

        complaints.Route.Should().HaveCount(levels);
        // "Disputes are resolved by a civil court" is a note of the same paragraph, not a level a complaint is addressed to.
        complaints.Route.Should().NotContain(level => level.Text.En.Contains("court", StringComparison.OrdinalIgnoreCase));
        string.Join(",", complaints.Channels.Select(ComplaintChannels.ToCode)).Should().Be(channels);
    }
}
