using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;

namespace Kazgov.Platform.Applications.Features.Transitions;

/// <summary>Refuses on grounds from the service's own list, writes the notice in the applicant's language and notifies them.</summary>
internal sealed record Refuse(Guid Id, string? IfMatch, RefuseRequest Body) : ICommand<ApplicationView>;

internal sealed class RefuseHandler(
    ApplicationChanges changes,
    ApplicationStore store,
    ApplicantNotifications notifications,
    ServiceCatalogue catalogue,
    ICurrentActor actor) : ICommandHandler<Refuse, ApplicationView>
{
    public async ValueTask<ApplicationView> Handle(Refuse command, CancellationToken cancellationToken)
    {
        var change = await changes.BeginAsync(command.Id, command.IfMatch, ApplicationAction.Refuse, cancellationToken);
        var row = change.Row;
        var request = command.Body;
        var errors = new ValidationErrors();
        if (request.Grounds is not { Count: > 0 })
        {
            errors.Add("grounds", CommonMessages.Required);
        }

        errors.Required("explanation", request.Explanation);
        errors.ThrowIfAny();

        var service = catalogue.Find(row.ServiceCode)!;
        var grounds = request.Grounds!.Distinct(StringComparer.Ordinal).ToList();
        var unknown = grounds.Where(g => catalogue.FindRefusalGround(row.ServiceCode, g) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ProblemException(ApplicationProblems.UnknownRefusalGround, new LocalizedText(
                    "«{0}» қызметінің негіздері: {1}",
                    "Основания услуги «{0}»: {1}",
                    "The grounds of '{0}' are: {1}").Format(row.ServiceCode, string.Join(", ", service.RefusalGrounds.Select(r => r.Code))),
                extensions: new Dictionary<string, object?>
                {
                    ["unknownGrounds"] = unknown,
                    ["allowedGrounds"] = service.RefusalGrounds.Select(r => r.Code).ToArray(),
                });
        }

        var language = row.ApplicantValue.Language;
        var notice = await notifications.RefusalNoticeAsync(row, grounds, request.Explanation!, change.Now, new Signer(actor.DisplayName, actor.Position), cancellationToken);
        await store.InsertRefusalAsync(row.Id, grounds, request.Explanation!, language, notice.In(language), change.Now, cancellationToken);
        return await changes.CommitAsync(change, ApplicationAction.Refuse, string.Join(", ", grounds), cancellationToken);
    }
}
