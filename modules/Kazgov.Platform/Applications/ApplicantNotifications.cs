using System.Globalization;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Notifications;
using Kazgov.Platform.Offices;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Platform.Applications;

/// <summary>
/// What the applicant is told: the SMS or e-mail when the result is ready or refused (through the
/// outbox, in the change's transaction), and the written refusal notice with the standard's grounds.
/// </summary>
internal sealed class ApplicantNotifications(
    ServiceCatalogue catalogue, IOfficeDirectory offices, Outbox outbox, Feedback.IFeedbackLinks feedbackLinks, IClock clock)
{
    public async Task NotifyAsync(ApplicationRow row, ApplicationStatus status, CancellationToken cancellationToken)
    {
        var applicant = row.ApplicantValue;
        var office = await offices.FindAsync(row.OfficeId, cancellationToken);
        var service = catalogue.Find(row.ServiceCode)!;
        var text = status == ApplicationStatus.ReadyForIssue
            ? new LocalizedText(
                "{0}! «{1}» бойынша {2} нөмірлі өтінішіңіздің нәтижесі дайын. Оны {3} бөлімшесінен алуға болады.",
                "{0}! Результат по заявлению № {2} («{1}») готов. Его можно получить в подразделении: {3}.",
                "{0}, the result of your application {2} ({1}) is ready. You can collect it at {3}.")
            : new LocalizedText(
                "{0}! «{1}» бойынша {2} нөмірлі өтінішіңізге бас тартылды. Жазбаша хабарламаны {3} бөлімшесінен алыңыз.",
                "{0}! По заявлению № {2} («{1}») принят отказ. Письменное уведомление можно получить в подразделении: {3}.",
                "{0}, your application {2} ({1}) has been refused. The written notice is available at {3}.");
        var name = service.Name.ToLocalized();
        var rendered = text.Format(applicant.FullName, name.In(applicant.Language), row.RegistrationNumber, office?.Names.In(applicant.Language) ?? row.OfficeId).In(applicant.Language);
        // The applicant is asked for feedback by a signed link that expires (Feedback/README.md); it is
        // answered once the result is issued or refused.
        var link = await feedbackLinks.LinkForAsync(row.Id, clock.GetCurrentInstant(), cancellationToken);
        rendered += Feedback.FeedbackMessages.Invitation.Format(link).In(applicant.Language);
        var (channel, recipient) = applicant.Phone is { Length: > 0 } phone
            ? (NotificationChannel.Sms, phone)
            : (NotificationChannel.Email, applicant.Email!);
        await outbox.EnqueueAsync(new OutboxMessage(channel, recipient, applicant.Language, "Kazgov " + row.RegistrationNumber, rendered, row.RegistrationNumber), cancellationToken);
    }

    /// <summary>The written refusal notice in all three languages, signed by the refusing official.</summary>
    public async Task<LocalizedText> RefusalNoticeAsync(
        ApplicationRow row, IReadOnlyList<string> grounds, string explanation, Instant refusedAt, Signer signer, CancellationToken cancellationToken)
    {
        var service = catalogue.Find(row.ServiceCode)!;
        var office = await offices.FindAsync(row.OfficeId, cancellationToken);
        var applicant = row.ApplicantValue;
        var accepted = row.AcceptedAt.InZone(WorkingCalendar.Zone).Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var refused = refusedAt.InZone(WorkingCalendar.Zone).Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var review = service.Complaints.ReviewTermText.ToLocalized();
        // One language per notice: the office and the official's post in the notice's language too.
        var position = PositionNames.Of(signer.Position);
        string Render(Language language, string title, string body, string groundsTitle, string explanationTitle, string appeal)
        {
            var lines = new List<string>
            {
                office?.Names.In(language) ?? row.OfficeId,
                refused,
                "",
                title,
                "",
                applicant.FullName + " (" + applicant.SubjectId + ")",
                "",
                string.Format(CultureInfo.InvariantCulture, body, row.RegistrationNumber, accepted, service.Name.ToLocalized().In(language)),
                "",
                groundsTitle,
            };
            var number = 1;
            foreach (var code in grounds)
            {
                var ground = catalogue.FindRefusalGround(row.ServiceCode, code)!;
                lines.Add($"{number++}. {ground.Text.ToLocalized().In(language)} ({ground.Source})");
            }

            lines.Add("");
            lines.Add(explanationTitle + " " + explanation);
            lines.Add("");
            lines.Add(appeal + " " + string.Join("; ", service.Complaints.Route.Select(r => r.Text.ToLocalized().In(language))) + ". " + review.In(language));
            lines.Add("");
            lines.Add((position is null ? "" : position.In(language) + " ") + signer.DisplayName);
            return string.Join("\n", lines);
        }

        return new LocalizedText(
            Render(Language.Kk, "МЕМЛЕКЕТТІК ҚЫЗМЕТ КӨРСЕТУДЕН БАС ТАРТУ ТУРАЛЫ ХАБАРЛАМА",
                "Сіздің {1} жылғы {0} нөмірлі «{2}» мемлекеттік қызметін алуға өтінішіңіз қаралды.",
                "Стандартта көзделген бас тарту негіздері:", "Түсініктеме:", "Шешімге шағымдануға болады:"),
            Render(Language.Ru, "УВЕДОМЛЕНИЕ ОБ ОТКАЗЕ В ОКАЗАНИИ ГОСУДАРСТВЕННОЙ УСЛУГИ",
                "Рассмотрено Ваше заявление № {0} от {1} на получение государственной услуги «{2}».",
                "Основания для отказа, предусмотренные стандартом:", "Пояснение:", "Решение можно обжаловать:"),
            Render(Language.En, "NOTICE OF REFUSAL TO PROVIDE A PUBLIC SERVICE",
                "Your application No. {0} of {1} for the public service \"{2}\" has been considered and refused.",
                "Grounds for refusal under the standard:", "Explanation:", "You may appeal:"));
    }
}
