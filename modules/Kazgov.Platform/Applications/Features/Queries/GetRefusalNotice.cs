using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Platform.Security;
using Mediator;

namespace Kazgov.Platform.Applications.Features.Queries;

/// <summary>The written refusal notice: as stored in the applicant's language, and in all three.</summary>
internal sealed record GetRefusalNotice(Guid Id) : IQuery<RefusalNotice>;

internal sealed class GetRefusalNoticeHandler(ApplicationReader reader, ApplicationStore store, ApplicantNotifications notifications, IOfficeClerks staff)
    : IQueryHandler<GetRefusalNotice, RefusalNotice>
{
    public async ValueTask<RefusalNotice> Handle(GetRefusalNotice query, CancellationToken cancellationToken)
    {
        var row = await reader.LoadReadableAsync(query.Id, cancellationToken);
        var refusal = await store.RefusalAsync(row.Id, cancellationToken)
            ?? throw new ProblemException(PlatformProblems.InvalidTransition, new LocalizedText(
                "Өтініш бойынша бас тарту жоқ", "По заявлению нет отказа", "The application has not been refused"),
                extensions: new Dictionary<string, object?> { ["currentStatus"] = row.Status });
        await reader.AuditAsync("application.refusal-notice", row, cancellationToken);
        // Signed by the official who refused, whoever reads it now.
        var signer = await staff.SignerAsync(refusal.RefusedBy, cancellationToken) ?? new Signer(refusal.RefusedBy, null);
        var all = await notifications.RefusalNoticeAsync(row, refusal.Grounds, refusal.Explanation, refusal.RefusedAt, signer, cancellationToken);
        return new RefusalNotice(row.Id, row.RegistrationNumber, refusal.NoticeLanguage, all.In(refusal.NoticeLanguage), all);
    }
}
