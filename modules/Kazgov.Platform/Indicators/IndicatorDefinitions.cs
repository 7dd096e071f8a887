using Kazgov.Kernel.Localization;
using Kazgov.Platform.Catalogue;

namespace Kazgov.Platform.Indicators;

/// <summary>The day-row counts an indicator divides (platform.indicator_days, summed over a period).</summary>
public sealed record IndicatorMeasures(
    long Decided, long DecidedInTerm, long TicketsCalled, long TicketsNormed, long TicketsWithinNorm,
    long Feedback, long QualitySatisfied, long InformationSatisfied, long CourtesySatisfied,
    long ComplaintsAnswered, long Justified, long JustifiedWithTerm, long JustifiedInTerm)
{
    public static readonly IndicatorMeasures None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public IndicatorMeasures Plus(IndicatorMeasures o) => new(
        Decided + o.Decided, DecidedInTerm + o.DecidedInTerm, TicketsCalled + o.TicketsCalled, TicketsNormed + o.TicketsNormed,
        TicketsWithinNorm + o.TicketsWithinNorm, Feedback + o.Feedback, QualitySatisfied + o.QualitySatisfied,
        InformationSatisfied + o.InformationSatisfied, CourtesySatisfied + o.CourtesySatisfied, ComplaintsAnswered + o.ComplaintsAnswered,
        Justified + o.Justified, JustifiedWithTerm + o.JustifiedWithTerm, JustifiedInTerm + o.JustifiedInTerm);
}

/// <summary>Which way the normative is met: at least it, or (4.1, a share of complaints) at most it.</summary>
public enum NormativeSense
{
    AtLeast,
    AtMost,

    /// <summary>1.2: the printed normative (10) is read as the share allowed to wait longer than the norm (see README).</summary>
    AtLeastComplement,
}

/// <summary>How one indicator number is computed, the same for every service (Indicators/README.md).</summary>
/// <param name="Formula">Numerator and denominator from the measures; null: no source in the platform's data.</param>
public sealed record IndicatorDefinition(
    string Number,
    LocalizedText Method,
    IReadOnlyList<string> Sources,
    Func<IndicatorMeasures, (long Numerator, long Denominator)>? Formula,
    NormativeSense Sense = NormativeSense.AtLeast)
{
    public bool Measurable => Formula is not null;
}

/// <summary>
/// The twelve indicators of the standards' KPI appendix (e.g. residence-permit appendix 3 [L3306–L3475]),
/// with the platform's computation. "Satisfied" is a rating of 4 or 5 on the 1–5 scale.
/// </summary>
public static class IndicatorDefinitions
{
    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new("1.1",
            new("Өтініштің мерзімі (тоқтата тұру уақытымен ұзартылған) ішінде берілген немесе бас тартылған өтініштер / кезеңде берілген немесе бас тартылған барлық өтініштер × 100",
                "Заявления, выданные или отказанные не позднее срока (продлённого на время приостановления) / все заявления, выданные или отказанные за период × 100",
                "Applications issued or refused at or before their due instant (moved by suspensions) / all applications issued or refused in the period × 100"),
            ["application_events: issue, refuse (at)", "applications: due_at"],
            m => (m.DecidedInTerm, m.Decided)),
        new("1.2",
            new("Күтуі өз талонының нормасынан (стандарттың §7) аспаған шақырылған талондар / нормасы бар шақырылған талондар × 100; нормативтегі «10» — нормадан ұзақ күткендердің рұқсат етілген үлесі ретінде оқылады (≥ 90 % орындалды)",
                "Вызванные талоны, ожидание которых не превысило норму своего талона (§7 стандарта) / вызванные талоны с нормой × 100; «10» в нормативе читается как допустимая доля ожидавших дольше нормы (выполнено при ≥ 90 %)",
                "Called tickets whose wait (lunch break excluded) was at most their own norm (the standard's §7) / called tickets with a norm × 100; the printed normative 10 is read as the share allowed to wait longer (met at ≥ 90 %)"),
            ["queue_tickets: called_at, wait_minutes, norm_minutes"],
            m => (m.TicketsWithinNorm, m.TicketsNormed),
            NormativeSense.AtLeastComplement),
        new("2.1",
            new("«Сапа» сұрағына 4 немесе 5 қойған бағалар / кезеңдегі барлық бағалар × 100",
                "Оценки 4 или 5 по вопросу «качество» / все оценки за период × 100",
                "Feedback rating the quality 4 or 5 / all feedback answered in the period × 100"),
            ["feedback: quality, answered_at"],
            m => (m.QualitySatisfied, m.Feedback)),
        new("2.2",
            new("Дереккөз жоқ: лауазымды тұлғаның құжаттарды дұрыс ресімдегені (төлемдер, есептер) платформада тіркелмейді",
                "Нет источника: правильность оформления документов должностным лицом (платежи, расчёты) в платформе не фиксируется",
                "No source: whether the official executed the documents correctly (payments, settlements) is not recorded by the platform"),
            [],
            null),
        new("3.1",
            new("«Ақпарат» сұрағына 4 немесе 5 қойған бағалар / кезеңдегі барлық бағалар × 100",
                "Оценки 4 или 5 по вопросу «информация» / все оценки за период × 100",
                "Feedback rating the information given 4 or 5 / all feedback answered in the period × 100"),
            ["feedback: information, answered_at"],
            m => (m.InformationSatisfied, m.Feedback)),
        new("3.2",
            new("Дереккөз жоқ: толық емес құжаттар жиынтығы қабылданбайды және сақталмайды (422), сондықтан бірінші рет дұрыс тапсыру оқиғалары есептелмейді",
                "Нет источника: неполный комплект документов не принимается и не сохраняется (422), поэтому случаи правильной подачи с первого раза не подсчитываются",
                "No source: an incomplete set of documents is refused and not stored (422), so first-time correct submissions cannot be counted"),
            [],
            null),
        new("3.3",
            new("Дереккөз жоқ: Интернетте қолжетімді ақпараттың үлесі оқиғалардан емес, жарияланған мазмұннан өлшенеді",
                "Нет источника: доля информации, доступной в Интернете, измеряется не по событиям, а по опубликованному содержанию",
                "No source: the share of service information available online is a property of published content, not of recorded events"),
            [],
            null),
        new("4.1",
            new("Негізді деп танылған жауап берілген шағымдар / кезеңде берілген немесе бас тартылған өтініштер (қызмет алған тұтынушылар) × 100; норматив — жоғарғы шек",
                "Жалобы с ответом, признанные обоснованными / заявления, выданные или отказанные за период (обслуженные потребители) × 100; норматив — верхняя граница",
                "Answered complaints found justified / applications issued or refused in the period (consumers served) × 100; the normative is an upper bound"),
            ["complaints: justified, answered_at", "application_events: issue, refuse"],
            m => (m.Justified, m.Decided),
            NormativeSense.AtMost),
        new("4.2",
            new("Мерзімінде (dueAt дейін қоса) жауап берілген негізді шағымдар / мерзімі бар жауап берілген негізді шағымдар × 100",
                "Обоснованные жалобы, на которые ответили в срок (не позднее dueAt) / обоснованные жалобы со сроком, на которые ответили × 100",
                "Justified complaints answered at or before their due instant / answered justified complaints with a review term × 100"),
            ["complaints: justified, due_at, answered_at"],
            m => (m.JustifiedInTerm, m.JustifiedWithTerm)),
        new("4.3",
            new("Дереккөз жоқ: шағымдану тәртібіне қанағаттану туралы сұрақ қойылмайды",
                "Нет источника: об удовлетворённости порядком обжалования не спрашивают",
                "No source: nobody is asked about satisfaction with the complaint procedure"),
            [],
            null),
        new("4.4",
            new("Дереккөз жоқ: шағымды қарау мерзіміне қанағаттану туралы сұрақ қойылмайды",
                "Нет источника: об удовлетворённости сроками рассмотрения жалобы не спрашивают",
                "No source: nobody is asked about satisfaction with the complaint review time"),
            [],
            null),
        new("5.1",
            new("«Сыпайылық» сұрағына 4 немесе 5 қойған бағалар / кезеңдегі барлық бағалар × 100",
                "Оценки 4 или 5 по вопросу «вежливость» / все оценки за период × 100",
                "Feedback rating the staff's courtesy 4 or 5 / all feedback answered in the period × 100"),
            ["feedback: courtesy, answered_at"],
            m => (m.CourtesySatisfied, m.Feedback)),
    ];

    private static readonly Dictionary<string, IndicatorDefinition> ByNumber = All.ToDictionary(d => d.Number, StringComparer.Ordinal);

    public static IndicatorDefinition Of(string number) => ByNumber[number];

    /// <summary>Percent with one decimal, or null for a zero denominator (never 100 by default).</summary>
    public static decimal? Percent(long numerator, long denominator) =>
        denominator == 0 ? null : Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero);

    public static bool? Meets(IndicatorDefinition definition, decimal? value, decimal? normative) =>
        value is not { } v || normative is not { } n
            ? null
            : definition.Sense switch
            {
                NormativeSense.AtMost => v <= n,
                NormativeSense.AtLeastComplement => v >= 100 - n,
                _ => v >= n,
            };
}

/// <summary>An indicator as one service's standard sets it: the appendix's text and values, or the common text with no values.</summary>
public sealed record ServiceIndicator(
    string Service, string Number, IndicatorGroup Group, CatalogueText Text, decimal? Normative, decimal? NextYearTarget, int? SeedLine)
{
    /// <summary>How the number is computed (looked up once here, not per row of a table).</summary>
    public IndicatorDefinition Definition { get; } = IndicatorDefinitions.Of(Number);
}

/// <summary>The indicators of each service: its appendix's, or all twelve without values where the standard has no appendix.</summary>
public sealed class ServiceIndicators
{
    private readonly Dictionary<string, IReadOnlyList<ServiceIndicator>> _byService = new(StringComparer.Ordinal);

    public ServiceIndicators(ServiceCatalogue catalogue)
    {
        // The common text of each number: the appendices print the same twelve rows (address-certificate lacks 3.3).
        var template = catalogue.All.SelectMany(e => e.QualityIndicators)
            .GroupBy(i => i.Number, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var entry in catalogue.All)
        {
            _byService[entry.Code] = entry.QualityIndicators.Count > 0
                ? [.. entry.QualityIndicators.Where(i => template.ContainsKey(i.Number))
                    .Select(i => new ServiceIndicator(entry.Code, i.Number, i.Group, i.Text, i.Normative.Percent, i.NextYearTarget.Percent, i.SeedLine))]
                : [.. IndicatorDefinitions.All.Where(d => template.ContainsKey(d.Number))
                    .Select(d => template[d.Number])
                    .Select(i => new ServiceIndicator(entry.Code, i.Number, i.Group, i.Text, null, null, null))];
        }

        Template = [.. IndicatorDefinitions.All.Where(d => template.ContainsKey(d.Number)).Select(d => template[d.Number])];
    }

    /// <summary>One appendix row per number, for the texts of the definitions.</summary>
    public IReadOnlyList<QualityIndicator> Template { get; }

    public IReadOnlyCollection<string> Services => _byService.Keys;

    public IReadOnlyList<ServiceIndicator> Of(string service) => _byService.TryGetValue(service, out var list) ? list : [];
}
