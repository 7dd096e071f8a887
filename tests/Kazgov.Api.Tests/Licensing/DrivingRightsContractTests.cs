using System.Net.Http.Json;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Licensing.Contracts;
using Kazgov.Tests;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Licensing;

/// <summary>The Licensing module's published query, as another module resolves it from the host's services.</summary>
[Collection(ApiCollection.Name)]
public sealed class DrivingRightsContractTests(KazgovApiFactory factory)
{
    private static readonly LocalDate Today = new(2026, 3, 10);

    [Fact]
    public async Task A_handed_over_licence_is_valid_for_its_categories_within_its_validity_and_not_while_its_holder_is_banned()
    {
        var iin = TestIins.Next();
        var number = "KZ26" + Random.Shared.Next(9_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO licensing.licences
                    (number, application_id, holder_id, holder_last_name, holder_first_name, holder_birth_date, categories, issue_date, valid_until, office_id, handed_over_at)
                VALUES (@number, @application, @iin, 'Ахметов', 'Серік', '1985-03-15', '{B,C}', '2026-01-15', '2036-01-15', @office, '2026-01-15T07:30:00Z')
                """,
                new { number, application = Guid.NewGuid(), iin, office = LifecycleTests.AstanaOffice });
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var rights = scope.ServiceProvider.GetRequiredService<IDrivingRights>();

        (await rights.CheckLicenceAsync(number, "B", Today)).ValidOn.Should().BeTrue();
        (await rights.CheckLicenceAsync(number, "B", Today)).Should().Match<LicenceStanding>(s => s.IsHeldBy(iin) && !s.IsHeldBy(TestIins.Next()) && !s.IsHeldBy(null));
        (await rights.CheckLicenceAsync(number, "D", Today)).Should().Match<LicenceStanding>(s => s.Exists && !s.HasCategory && !s.ValidOn);
        (await rights.CheckLicenceAsync(number, "B", new LocalDate(2036, 1, 15))).ValidOn.Should().BeTrue("the last day of validity");
        (await rights.CheckLicenceAsync(number, "B", new LocalDate(2036, 1, 16))).ValidOn.Should().BeFalse("the day after it ends");
        (await rights.CheckLicenceAsync(number, "B", new LocalDate(2026, 1, 14))).ValidOn.Should().BeFalse("the day before it was issued");
        (await rights.CheckLicenceAsync("KZ269999998", "B", Today)).Exists.Should().BeFalse();
        (await rights.IsBannedFromDrivingAsync(iin, Today)).Should().BeFalse();

        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var ban = await clerk.PostAsJsonAsync("/api/v1/driver-licences/driving-bans",
            new { holderIin = iin, kind = "deprivation", startsOn = "2026-03-10", endsOn = "2026-09-09", decisionReference = "Сот қаулысы № 2-77/2026" });
        ban.IsSuccessStatusCode.Should().BeTrue(await ban.Content.ReadAsStringAsync());

        (await rights.IsBannedFromDrivingAsync(iin, new LocalDate(2026, 3, 9))).Should().BeFalse("the day before the deprivation starts");
        (await rights.IsBannedFromDrivingAsync(iin, Today)).Should().BeTrue("the day it starts");
        (await rights.CheckLicenceAsync(number, "B", Today)).Should().Match<LicenceStanding>(s => s.InForce && s.Banned && !s.ValidOn);
        (await rights.IsBannedFromDrivingAsync(iin, new LocalDate(2026, 9, 10))).Should().BeFalse("the day after it ends");
    }
}
