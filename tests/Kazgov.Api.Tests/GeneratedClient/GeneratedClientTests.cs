using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.GeneratedClient.Sdk;
using Kazgov.Api.Tests.Infrastructure;
using DemoAccounts = Kazgov.Platform.Security.DemoAccounts;
using NodaTime;

namespace Kazgov.Api.Tests.GeneratedClient;

/// <summary>
/// Tried as a .NET integrator would: the client NSwag generates from the checked-in contract
/// (obj/generated/KazgovClient.g.cs, see the csproj) reads every answer of a driver licence's life,
/// from the catalogue and a token to the hand-over and the public verification.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class GeneratedClientTests(KazgovApiFactory factory) : IAsyncLifetime
{
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    public Task InitializeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    private KazgovClient Client(string? token = null)
    {
        var http = factory.CreateClient();
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return new KazgovClient(http);
    }

    [Fact]
    public async Task The_generated_client_reads_the_reference_answers()
    {
        var anonymous = Client();

        var services = await anonymous.ListServicesAsync();
        services.Items.Should().Contain(s => s.Code == "driver-licence");
        var service = await anonymous.GetServiceAsync("driver-licence");
        service.Code.Should().Be("driver-licence");
        var office = await anonymous.GetOfficeAsync(LifecycleTests.AstanaOffice);
        office.Id.Should().Be(LifecycleTests.AstanaOffice);
        var deadline = await anonymous.GetServiceDeadlineAsync("driver-licence", "2026-03-10T05:00:00Z", null, LifecycleTests.AstanaOffice);
        deadline.DueAt.Should().Be(DateTimeOffset.Parse("2026-03-10T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var token = await anonymous.IssueTokenAsync(new TokenRequest
        {
            Grant_type = "client_credentials",
            Client_id = DemoAccounts.PortalClientId,
            Client_secret = DemoAccounts.PortalClientSecret,
        });
        token.Access_token.Should().NotBeNullOrEmpty();
        var me = await Client(token.Access_token).GetCurrentActorAsync();
        me.Kind.Should().Be(ActorKind.Client);
    }

    [Fact]
    public async Task A_driver_licence_lives_its_whole_life_through_the_generated_client()
    {
        var anonymous = Client();
        var staffToken = await anonymous.IssueTokenAsync(new TokenRequest { Grant_type = "password", Username = "clerk.astana", Password = DemoAccounts.StaffPassword });
        var portalToken = await anonymous.IssueTokenAsync(new TokenRequest
        {
            Grant_type = "client_credentials",
            Client_id = DemoAccounts.PortalClientId,
            Client_secret = DemoAccounts.PortalClientSecret,
        });
        var portal = Client(portalToken.Access_token);
        var clerk = Client(staffToken.Access_token);
        var iin = TestIins.Next();

        var submitted = await Submit(portal, new SubmitDriverLicenceApplicationRequest
        {
            OfficeId = LifecycleTests.AstanaOffice,
            Channel = "e-gov",
            Applicant = new ApplicantDetails
            {
                Kind = ApplicantKind.Individual,
                Iin = iin,
                LastName = "Ахметов",
                FirstName = "Серік",
                Citizenship = "KZ",
                Phone = "+77017654321",
                Language = Language.Kk,
            },
            Categories = ["B"],
            Documents = ["application-form", "identity-document", "driving-school-certificate", "medical-certificate", "driver-personal-card", "state-duty-receipt"],
            Receipts =
            [
                new ReceiptRequest
                {
                    Item = "licence",
                    Bank = "Kaspi Bank",
                    ReceiptNumber = "K-" + Guid.NewGuid().ToString("N")[..12],
                    PaidOn = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero),
                    Amount = 5406.25,
                },
            ],
        });
        var id = submitted.Application.Id;
        submitted.Application.Status.Should().Be("submitted");
        submitted.Acknowledgement.DueAt.Should().Be(DateTimeOffset.Parse("2026-03-10T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var view = await clerk.StartReviewApplicationAsync(id, ETag(submitted.Application.Version));
        var exams = await clerk.RecordDriverLicenceExamAsync(id, ETag(view.Version), new RecordExamRequest { Kind = "theory", Passed = true, Date = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero) });
        view = await clerk.GetApplicationAsync(id);
        exams = await clerk.RecordDriverLicenceExamAsync(id, ETag(view.Version), new RecordExamRequest { Kind = "practical", Passed = true, Date = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), ExamSheetNumber = "ЕП-0042" });
        exams.BothPassed.Should().BeTrue();
        view = await clerk.GetApplicationAsync(id);
        view = await clerk.ApproveApplicationAsync(id, ETag(view.Version));
        view.Status.Should().Be("approved");
        var number = view.ResultReference!;
        view = await clerk.MarkReadyApplicationAsync(id, ETag(view.Version));
        view.Status.Should().Be("ready-for-issue");

        var early = async () => await clerk.IssueApplicationAsync(id, ETag(view.Version), HandOver());
        (await early.Should().ThrowAsync<KazgovApiException<ProblemDetails>>()).Which.StatusCode.Should().Be(409, "outside the hand-over window");

        // The next day the tokens have expired: both sign in anew; a stale refresh token is a 400 problem.
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 11, 7, 30));
        var stale = async () => await anonymous.IssueTokenAsync(new TokenRequest { Grant_type = "refresh_token", Refresh_token = staffToken.Refresh_token });
        (await stale.Should().ThrowAsync<KazgovApiException<ProblemDetails>>()).Which.Result.Code.Should().Be("invalid-grant");
        staffToken = await anonymous.IssueTokenAsync(new TokenRequest { Grant_type = "password", Username = "clerk.astana", Password = DemoAccounts.StaffPassword });
        clerk = Client(staffToken.Access_token);
        portal = Client((await anonymous.IssueTokenAsync(new TokenRequest
        {
            Grant_type = "client_credentials",
            Client_id = DemoAccounts.PortalClientId,
            Client_secret = DemoAccounts.PortalClientSecret,
        })).Access_token);
        view = await clerk.IssueApplicationAsync(id, ETag(view.Version), HandOver());
        view.Status.Should().Be("issued");

        var seenByPortal = await portal.GetApplicationAsync(id);
        seenByPortal.Status.Should().Be("issued");
        var history = await portal.GetApplicationHistoryAsync(id);
        history.Events.Select(e => e.ToStatus).Should().ContainInOrder("submitted", "in-review", "approved", "ready-for-issue", "issued");
        var verification = await anonymous.VerifyDriverLicenceAsync(number, "1985-03-15");
        verification.State.Should().Be("valid");
        verification.Categories.Should().Equal("B");
        verification.IssuedOn.Should().Be(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero));
    }

    private static async Task<SubmittedApplication> Submit(KazgovClient client, SubmitDriverLicenceApplicationRequest request)
    {
        try
        {
            return await client.SubmitDriverLicenceApplicationAsync(request);
        }
        catch (KazgovApiException<HttpValidationProblemDetails> problem)
        {
            throw new InvalidOperationException(System.Text.Json.JsonSerializer.Serialize(problem.Result), problem);
        }
    }

    private static IssueRequest HandOver() => new() { ReceivedBy = "Ахметов Серік", IdentityDocument = "Жеке куәлік № 045612378", SignatureTaken = true };

    private static string ETag(int version) => $"\"{version}\"";
}
