using System.Text;
using Kazgov.Platform.Catalogue;

namespace Kazgov.SeedImport.Catalogue;

/// <summary>
/// Russian and English for the KPI indicators, which repeat across the six KPI appendices with
/// small spelling differences ("Қол жетімділік"/"Қолжетімділік", "% (үлесі)"/"% үлесі)").
/// Keyed by the Kazakh text reduced to its letters and digits; an indicator the table does not
/// know fails the import, so a changed seed cannot slip through untranslated.
/// </summary>
internal static class QualityIndicatorTranslations
{
    private static readonly (string Number, string Kk, string Ru, string En)[] Indicators =
    [
        ("1.1", "құжаттарды тапсырған сәттен бастап белгіленген мерзімде қызметті ұсыну оқиғаларының % (үлесі)",
            "доля (%) случаев оказания услуги в установленный срок с момента сдачи документов",
            "share (%) of cases where the service was provided within the set term from the moment the documents were handed in"),
        ("1.2", "қызмет алуды кезекте 40 минуттан аспайтын уақыт күткен тұтынушылардың % (үлесі)",
            "доля (%) потребителей, ожидавших получения услуги в очереди не более 40 минут",
            "share (%) of consumers who waited in the queue for the service no longer than 40 minutes"),
        ("2.1", "қызметті ұсыну үдерісінің сапасына қанағаттанған тұтынушылардың % (үлесі)",
            "доля (%) потребителей, удовлетворённых качеством процесса оказания услуги",
            "share (%) of consumers satisfied with the quality of the service process"),
        ("2.2", "құжаттарды лауазымды тұлға дұрыс ресімдеген жағдайдың (жүргізілген төлемдер, есеп айырысулар және т.б.) % (үлесі)",
            "доля (%) случаев правильного оформления документов должностным лицом (произведённые платежи, расчёты и т. д.)",
            "share (%) of cases where the official executed the documents correctly (payments made, settlements, etc.)"),
        ("3.1", "қызметті ұсыну тәртібі туралы сапаға және ақпаратқа қанағаттанған тұтынушылардың % (үлесі)",
            "доля (%) потребителей, удовлетворённых качеством и информацией о порядке оказания услуги",
            "share (%) of consumers satisfied with the quality of, and the information on, the procedure for providing the service"),
        ("3.2", "тұтынушы құжаттарды дұрыс толтырған және бірінші реттен тапсырған оқиғалардың % (үлесі)",
            "доля (%) случаев, когда потребитель правильно заполнил документы и сдал их с первого раза",
            "share (%) of cases where the consumer filled in the documents correctly and handed them in the first time"),
        ("3.3", "Интернет арқылы қолжетімді қызметтерінің ақпарат % (үлесі)",
            "доля (%) информации об услугах, доступной через Интернет",
            "share (%) of information on the services that is available on the Internet"),
        ("4.1", "қызметтің осы түрі бойынша қызмет көрсетілген тұтынушылардың жалпы санына негізделген шағымдардың % (үлесі)",
            "доля (%) обоснованных жалоб от общего числа потребителей, обслуженных по данному виду услуги",
            "share (%) of justified complaints in the total number of consumers served for this type of service"),
        ("4.2", "белгіленген мерзімде қаралған және қанағаттандырылған негізделген шағымдардың % (үлесі)",
            "доля (%) обоснованных жалоб, рассмотренных и удовлетворённых в установленный срок",
            "share (%) of justified complaints reviewed and satisfied within the set term"),
        ("4.3", "шағымданудың қолданыстағы тәртібіне қанағаттанған тұтынушылардың % (үлесі)",
            "доля (%) потребителей, удовлетворённых существующим порядком обжалования",
            "share (%) of consumers satisfied with the existing complaint procedure"),
        ("4.4", "шағымдану мерзіміне қанағаттанған тұтынушылардың % (үлесі)",
            "доля (%) потребителей, удовлетворённых сроками обжалования",
            "share (%) of consumers satisfied with the complaint terms"),
        ("5.1", "қызметкерлердің сыпайылығына қанағаттанған тұтынушылардың % (үлесі)",
            "доля (%) потребителей, удовлетворённых вежливостью сотрудников",
            "share (%) of consumers satisfied with the courtesy of the staff"),
    ];

    private static readonly (string Kk, string Ru, string En)[] Groups =
    [
        ("Уақтылығы", "Своевременность", "Timeliness"),
        ("Сапасы", "Качество", "Quality"),
        ("Қолжетімділік", "Доступность", "Accessibility"),
        ("Шағымдану үдерісі", "Процесс обжалования", "Complaint process"),
        ("Сыпайылық", "Вежливость", "Courtesy"),
    ];

    private static readonly Dictionary<string, (string Number, string Ru, string En)> IndicatorsByKey =
        Indicators.ToDictionary(i => Key(i.Kk), i => (i.Number, i.Ru, i.En), StringComparer.Ordinal);

    private static readonly Dictionary<string, (string Ru, string En)> GroupsByKey =
        Groups.ToDictionary(g => Key(g.Kk), g => (g.Ru, g.En), StringComparer.Ordinal);

    /// <summary>The indicator with the seed's Kazakh as printed and the project's translations.</summary>
    public static CatalogueText Indicator(string number, string kk, int line)
    {
        if (!IndicatorsByKey.TryGetValue(Key(kk), out var translation) || translation.Number != number)
        {
            throw new InvalidDataException($"KPI indicator {number} «{kk}» at seed line {line} has no translation.");
        }

        return new CatalogueText(kk, translation.Ru, translation.En);
    }

    public static CatalogueText Group(string kk, int line) =>
        GroupsByKey.TryGetValue(Key(kk), out var translation)
            ? new CatalogueText(kk, translation.Ru, translation.En)
            : throw new InvalidDataException($"KPI group «{kk}» at seed line {line} has no translation.");

    /// <summary>Letters and digits only, lower case: spacing, brackets and "%" vary between the copies.</summary>
    internal static string Key(string kk)
    {
        var builder = new StringBuilder(kk.Length);
        foreach (var c in kk)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
