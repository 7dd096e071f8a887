using Kazgov.Platform.Calendar;
using Kazgov.Kernel.Localization;

namespace Kazgov.Platform.Catalogue;

/// <summary>
/// The project's statement of how each kind of term is counted (the seed gives terms, not a
/// counting rule). Served with every term variant so that an applicant reads the same rule the
/// deadline engine applies.
/// </summary>
public static class DeadlineRules
{
    public static readonly LocalizedText Calendar = new(
        "Ай және күн есебіндегі мерзім құжаттар қабылданған күннен бастап күнтізбелік уақытпен есептеледі; мерзімнің соңғы күні демалыс күніне түссе, мерзім келесі жұмыс күнінің соңында аяқталады.",
        "Сроки в месяцах и днях исчисляются в календарном времени с даты приёма документов; если последний день срока приходится на выходной, срок истекает в конце следующего рабочего дня.",
        "Month and day terms run in calendar time from the date the documents are accepted; if the last day falls on a day off, the term ends at the end of the next working day.");

    public static readonly LocalizedText WorkingTime = new(
        "Сағат және минут есебіндегі мерзім құжаттар қабылданған сәттен бастап бөлімшенің жұмыс уақытында (қабылдау сағаттарында) ғана есептеледі.",
        "Сроки в часах и минутах исчисляются с момента приёма документов только в рабочее время подразделения (в часы приёма).",
        "Hour and minute terms run from the moment the documents are accepted, in the unit's working time (its reception hours) only.");

    public static readonly LocalizedText AroundTheClock = new(
        "Мерзім сұрау салу қабылданған сәттен бастап тәулік бойы, демалыс және мереке күндерін қоса алғанда, үзіліссіз есептеледі.",
        "Срок исчисляется непрерывно, круглосуточно, включая выходные и праздничные дни, с момента приёма запроса.",
        "The term runs continuously around the clock, days off and holidays included, from the moment the request is accepted.");

    public static readonly LocalizedText SameDay = new(
        "Қызмет құжаттар қабылданған күні, сол күннің соңына дейін көрсетіледі; қабылдау күні жұмыс күні болмаса, келесі жұмыс күнінің соңына дейін.",
        "Услуга оказывается в день приёма документов, до конца этого дня; если день приёма нерабочий — до конца следующего рабочего дня.",
        "The service is given on the day the documents are accepted, by the end of that day; if that day is not a working day, by the end of the next working day.");

    public static LocalizedText For(DeadlineClock clock) => clock switch
    {
        DeadlineClock.Calendar => Calendar,
        DeadlineClock.WorkingTime => WorkingTime,
        DeadlineClock.AroundTheClock => AroundTheClock,
        DeadlineClock.SameDay => SameDay,
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, null),
    };
}
