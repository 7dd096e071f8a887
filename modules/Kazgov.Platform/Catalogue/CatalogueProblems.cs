using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Catalogue;

public static class CatalogueProblems
{
    public static readonly ProblemType UnknownService = new("unknown-service", 404, new(
        "Мұндай мемлекеттік қызмет каталогта жоқ",
        "Такой государственной услуги нет в каталоге",
        "There is no such public service in the catalogue"));

    public static LocalizedText UnknownServiceDetail(string code) => new(
        $"«{code}» коды бар мемлекеттік қызмет каталогта жоқ",
        $"Государственной услуги с кодом «{code}» нет в каталоге",
        $"The catalogue has no public service with the code '{code}'");
}
