using Kazgov.AddressBureau.Certificates;
using Kazgov.Tests;
using NodaTime;

namespace Kazgov.AddressBureau.Tests;

public sealed class CertificatePdfTests
{
    private const string Url = "https://kazgov.example/api/v1/address-bureau/certificates/K7QW2MXR9TPA/verification";

    private static AddressCertificateView Certificate(AddressPartView? address) => new(
        "AC2600001234",
        "K7QW2MXR9TPA",
        Guid.NewGuid(),
        "AB-2026-0000042",
        "880412300001",
        "Сейітова Әйгерім Ғалымқызы",
        new LocalDate(1988, 4, 12),
        address,
        [new AddressPartView("permanent", "karaganda", "Қарағанды", "Бұқар жырау даңғылы", "12", "4", new LocalDate(2010, 5, 1), new LocalDate(2019, 9, 2), "clerk", "address-bureau-karaganda")],
        new AddressOperatorView("staff:clerk.address.astana", "Ботагөз Ержанқызы Тұрсынова", "Мекенжай бюросының операторы", "address-bureau-astana-de3e9b0e"),
        Instant.FromUtc(2026, 3, 10, 5, 3));

    private static readonly AddressPartView Astana =
        new("permanent", "astana", "Астана", "Мәңгілік Ел даңғылы", "8", "120", new LocalDate(2019, 9, 2), null, "clerk", "address-bureau-astana-de3e9b0e");

    [Fact]
    public void The_pdf_carries_the_person_the_address_part_the_operator_and_the_verification_in_an_embedded_font()
    {
        var pdf = CertificatePdf.Render(Certificate(Astana), Url);

        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");
        PdfText.EmbedsFont(pdf, "DejaVu Sans").Should().BeTrue("no system font may be needed to read Kazakh letters");
        var text = PdfText.Extract(pdf);
        text.Should().Contain("Сейітова Әйгерім Ғалымқызы")
            .And.Contain("1988-04-12")
            .And.Contain("Астана, Мәңгілік Ел даңғылы, үй 8, пәтер 120")
            .And.Contain("Қарағанды, Бұқар жырау даңғылы")
            .And.Contain("Мекенжай бюросының операторы Ботагөз Ержанқызы Тұрсынова")
            .And.Contain("AC2600001234")
            .And.Contain("AB-2026-0000042")
            .And.Contain("10.03.2026 10:03", "issued at Astana time")
            .And.Contain("K7QW2MXR9TPA")
            .And.Contain(Url)
            .And.Contain(CertificateTexts.Title);
    }

    [Fact]
    public void Every_Kazakh_letter_comes_back_out_of_the_pdf()
    {
        var letters = "Ә Ғ Қ Ң Ө Ұ Ү Һ І ә ғ қ ң ө ұ ү һ і Ё ё";
        var address = Astana with { Street = letters };

        var text = PdfText.Extract(CertificatePdf.Render(Certificate(address), Url));

        text.Should().Contain(letters).And.NotContain("\uFFFD");
    }

    [Fact]
    public void A_person_with_no_registration_gets_the_zhoq_line_and_nothing_else_in_the_stamp()
    {
        var text = PdfText.Extract(CertificatePdf.Render(Certificate(null), Url));

        text.Should().Contain(CertificateTexts.None).And.NotContain("Мәңгілік");
    }

    [Fact]
    public void A_long_history_of_addresses_runs_onto_a_second_page_and_loses_nothing()
    {
        var earlier = Enumerable.Range(1, 60)
            .Select(i => new AddressPartView("temporary", "almaty", "Алматы", $"Абай даңғылы {i}", "1", null, new LocalDate(1990, 1, 1).PlusMonths(i), new LocalDate(1990, 1, 1).PlusMonths(i + 1), "bulk-load", "address-bureau-almaty"))
            .ToList();
        var pdf = CertificatePdf.Render(Certificate(Astana) with { Earlier = earlier }, Url);

        using var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        document.PageCount.Should().Be(2);
        var text = PdfText.Extract(pdf);
        text.Should().Contain("Абай даңғылы 1,").And.Contain("Абай даңғылы 60,").And.Contain("K7QW2MXR9TPA").And.Contain(Url);
    }
}
