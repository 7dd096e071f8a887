using System.Globalization;
using System.Net;
using System.Text;
using Kazgov.Kernel.Localization;

namespace Kazgov.Platform.Applications;

/// <summary>Printable pages of the documents the standards make the office hand over: the slip and the refusal notice.</summary>
internal static class PrintedDocuments
{
    private static readonly LocalizedText SlipTitle = new("Құжаттарды қабылдау туралы анықтама", "Талон о приёме документов", "Acknowledgement of receipt of documents");
    private static readonly LocalizedText Number = new("Тіркеу нөмірі", "Регистрационный номер", "Registration number");
    private static readonly LocalizedText Service = new("Мемлекеттік қызмет", "Государственная услуга", "Public service");
    private static readonly LocalizedText Body = new("Ішкі істер органы", "Орган внутренних дел", "Internal affairs body");
    private static readonly LocalizedText Accepted = new("Қабылдаған қызметкер", "Принял сотрудник", "Accepted by");
    private static readonly LocalizedText AcceptedAt = new("Қабылданған күні мен уақыты", "Дата и время приёма", "Date and time of acceptance");
    private static readonly LocalizedText Applicant = new("Өтініш беруші", "Заявитель", "Applicant");
    private static readonly LocalizedText Due = new("Қызмет көрсету мерзімі", "Срок оказания услуги", "Due by");
    private static readonly LocalizedText Documents = new("Ұсынылған құжаттар", "Представленные документы", "Documents handed in");
    private static readonly LocalizedText Next = new("Әрі қарай не болады", "Что дальше", "What happens next");

    public static string Acknowledgement(AcknowledgementSlip slip, Language language)
    {
        var rows = new (LocalizedText Label, string Value)[]
        {
            (Number, slip.RegistrationNumber),
            (Service, slip.ServiceName.In(language)),
            (Body, slip.Office.Names.In(language) + ", " + slip.Office.Addresses.In(language)),
            (Accepted, string.Join(", ", new[] { slip.AcceptedBy.Positions?.In(language), slip.AcceptedBy.FullName }.Where(v => !string.IsNullOrWhiteSpace(v)))),
            (AcceptedAt, slip.AcceptedAtLocal + " (Asia/Almaty)"),
            (Applicant, slip.ApplicantName),
            (Due, slip.DueDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
            (Documents, string.Join(", ", slip.Documents)),
            (Next, slip.NextSteps.In(language)),
        };
        var body = new StringBuilder();
        body.Append("<h1>").Append(Encode(SlipTitle.In(language))).Append("</h1><table>");
        foreach (var (label, value) in rows)
        {
            body.Append("<tr><th>").Append(Encode(label.In(language))).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
        }

        body.Append("</table>");
        return Page(language, SlipTitle.In(language) + " " + slip.RegistrationNumber, body.ToString());
    }

    public static string Notice(RefusalNotice notice) =>
        Page(notice.Language, notice.RegistrationNumber, "<pre>" + Encode(notice.Text) + "</pre>");

    private static string Page(Language language, string title, string body) =>
        $$"""
        <!doctype html>
        <html lang="{{language.ToCode()}}"><head><meta charset="utf-8"><title>{{Encode(title)}}</title>
        <style>
          body { font-family: "PT Serif", Georgia, serif; margin: 2cm; color: #000; }
          h1 { font-size: 16pt; text-align: center; } th { text-align: left; padding: 4px 12px 4px 0; vertical-align: top; width: 35%; }
          td { padding: 4px 0; } pre { white-space: pre-wrap; font-family: inherit; font-size: 12pt; }
          @media print { body { margin: 1cm; } }
        </style></head>
        <body>{{body}}</body></html>
        """;

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
