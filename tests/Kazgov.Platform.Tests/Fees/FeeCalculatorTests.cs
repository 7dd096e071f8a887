using Kazgov.Platform.Fees;
using Kazgov.Kernel.Problems;
using Kazgov.Tests;
using NodaTime;

namespace Kazgov.Platform.Tests.Fees;

public sealed class FeeCalculatorTests
{
    private static readonly FeeCalculator Calculator = new(new MciTable(MciTable.Defaults()));

    private static decimal Amount(decimal percent, int year, int month, int day) =>
        Calculator.Quote([("item", percent)], new LocalDate(year, month, day)).Total;

    [Theory]
    [InlineData(2020, 3, 31, 2651, 2020, 1, 1, "3313.75")]
    [InlineData(2020, 4, 1, 2778, 2020, 4, 1, "3472.5")]
    [InlineData(2022, 3, 31, 3063, 2022, 1, 1, "3828.75")]
    [InlineData(2022, 4, 1, 3180, 2022, 4, 1, "3975")]
    [InlineData(2026, 3, 1, 4325, 2026, 1, 1, "5406.25")]
    [InlineData(2007, 1, 1, 1092, 2007, 1, 1, "1365")]
    public void The_mci_in_force_on_the_payment_date_is_used(int y, int m, int d, int mci, int fromY, int fromM, int fromD, string licence)
    {
        var quote = Calculator.Quote([("licence", 125m)], new LocalDate(y, m, d));

        quote.Mci.Should().Be(new MciRate(new LocalDate(fromY, fromM, fromD), mci));
        quote.Lines.Should().Equal(new FeeLine("licence", 125m, decimal.Parse(licence, System.Globalization.CultureInfo.InvariantCulture)));
        quote.Total.Should().Be(decimal.Parse(licence, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(125, "5406.25")]  // driver licence
    [InlineData(400, "17300.00")] // stateless person's certificate
    [InlineData(280, "12110.00")] // car number plate
    [InlineData(10, "432.50")]    // weapon-unit registration
    [InlineData(25, "1081.25")]   // each vehicle registration, ¼ MCI
    public void The_worked_examples_of_the_reference_come_out_exactly(int percent, string expected)
    {
        Amount(percent, 2026, 3, 1).Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_quote_lists_each_item_and_sums_them()
    {
        var quote = Calculator.Quote([("registration-certificate", 125m), ("plate-car", 280m), ("registration", 25m)], new LocalDate(2026, 3, 1));

        quote.Lines.Select(l => l.Amount).Should().Equal(5406.25m, 12110m, 1081.25m);
        quote.Total.Should().Be(18597.50m);
    }

    [Fact]
    public void A_free_service_costs_nothing()
    {
        var quote = Calculator.Quote([], new LocalDate(2026, 3, 1));

        quote.Lines.Should().BeEmpty();
        quote.Total.Should().Be(0m);
    }

    [Fact]
    public void A_date_before_the_first_row_has_no_mci()
    {
        var quote = () => Calculator.Quote([("licence", 125m)], new LocalDate(2006, 12, 31));

        var problem = quote.Should().Throw<ProblemException>().Which;
        problem.Type.Should().Be(FeeProblems.MciNotDefined);
        problem.Type.Status.Should().Be(422);
        problem.Detail!.En.Should().Be("No MCI is defined for 2006-12-31; the table starts on 2007-01-01");
    }

    [Fact]
    public void Amounts_are_rounded_to_the_tiyn_half_away_from_zero()
    {
        var table = new MciTable([new MciRate(new LocalDate(2030, 1, 1), 1.06m), new MciRate(new LocalDate(2031, 1, 1), 3932.33m)]);
        var calculator = new FeeCalculator(table);

        // 1.06 × 25 % = 0.265 → 0.27 (banker's rounding would give 0.26); 3932.33 × 10 % = 393.233 → 393.23.
        calculator.Quote([("a", 25m)], new LocalDate(2030, 6, 1)).Total.Should().Be(0.27m);
        calculator.Quote([("a", 10m)], new LocalDate(2031, 6, 1)).Total.Should().Be(393.23m);
    }

    [SeedFact]
    public void The_embedded_table_is_the_reference_table()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "..", "shared", "reference", "mci.csv"));

        var rates = MciTable.Defaults();

        rates.Should().Equal(MciTable.Parse(reference));
        rates.Should().HaveCount(22);
        rates[0].Should().Be(new MciRate(new LocalDate(2007, 1, 1), 1092m));
        rates[^1].Should().Be(new MciRate(new LocalDate(2026, 1, 1), 4325m));
    }

    [Fact]
    public void Two_rows_on_one_date_are_refused()
    {
        var build = () => new MciTable([new MciRate(new LocalDate(2030, 1, 1), 1m), new MciRate(new LocalDate(2030, 1, 1), 2m)]);

        build.Should().Throw<ArgumentException>();
    }
}
