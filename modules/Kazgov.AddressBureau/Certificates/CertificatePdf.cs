using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using NodaTime;
using NodaTime.Text;
using Kazgov.Platform.Calendar;

namespace Kazgov.AddressBureau.Certificates;

/// <summary>
/// Serves DejaVu Sans from this assembly's resources: the PDF must print Ә Ғ Қ Ң Ө Ұ Ү Һ І on any
/// host, so no system font is ever asked for (PDFsharp's Core build has no font of its own).
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, false, italic);

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream($"Kazgov.AddressBureau.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded in the module.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}

/// <summary>The trilingual texts of a printed certificate, the same on the HTML and the PDF form.</summary>
internal static class CertificateTexts
{
    public const string Title = "Мекенжай анықтамасы · Адресная справка · Address certificate";
    public const string AddressPart = "Мекенжай бөлігі · Адресная часть · Address part";
    public const string None = "жоқ / нет / none";
    public const string Permanent = "тұрақты / постоянная / permanent";
    public const string Temporary = "уақытша / временная / temporary";
    public const string Registered = "Тіркелген / Зарегистрирован / Registered";
    public const string Deregistered = "Тіркеуден шығарылды / Снят с учёта / Deregistered";
    public const string Operator = "Оператор";
    public const string Earlier = "Бұрынғы мекенжайлар · Прежние адреса · Earlier addresses";
    public const string Code = "Тексеру коды · Код проверки · Verification code";
    public const string Verify = "Тексеру · Проверка · Verification";

    public static string VerificationPath(string code) => $"/api/v1/address-bureau/certificates/{code}/verification";

    public static string Issued(Instant at) =>
        LocalDateTimePattern.CreateWithInvariantCulture("dd.MM.uuuu HH:mm").Format(at.InZone(WorkingCalendar.Zone).LocalDateTime);

    public static string Date(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// The certificate as a one-page A4 PDF (§16): the same content as the printable HTML — the person,
/// the stamp with the address part and the operator, earlier addresses, the verification code and
/// the public address that verifies it — set in the embedded DejaVu Sans.
/// </summary>
internal static class CertificatePdf
{
    private static readonly Lock FontsLock = new();
    private static readonly XColor Ink = XColor.FromArgb(0x1a, 0x3d, 0x7c);

    /// <summary>Renders the certificate; <paramref name="verificationUrl"/> is the absolute public address of its verification.</summary>
    public static byte[] Render(AddressCertificateView c, string verificationUrl)
    {
        UseEmbeddedFonts();
        using var document = new PdfDocument();
        document.Info.Title = CertificateTexts.Title + " " + c.Number;
        document.Info.Subject = c.Number;
        using (var writer = new Writer(document))
        {
            writer.Certificate(c, verificationUrl);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void UseEmbeddedFonts()
    {
        // The resolver is process-wide in PDFsharp and may be set only once, before the first font is used.
        lock (FontsLock)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            }
        }
    }

    private sealed class Writer : IDisposable
    {
        private const double Margin = 56;
        private readonly PdfDocument document;
        private XGraphics gfx;
        private double width;
        private double bottom;
        // Unicode (Identity-H with a ToUnicode map): Cyrillic needs it, and the text stays searchable and copyable.
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
        private readonly XFont title = new(EmbeddedFontResolver.Family, 13, XFontStyleEx.Bold, Unicode);
        private readonly XFont heading = new(EmbeddedFontResolver.Family, 11.5, XFontStyleEx.Bold, Unicode);
        private readonly XFont body = new(EmbeddedFontResolver.Family, 10.5, XFontStyleEx.Regular, Unicode);
        private readonly XFont strong = new(EmbeddedFontResolver.Family, 12, XFontStyleEx.Bold, Unicode);
        private readonly XFont code = new(EmbeddedFontResolver.Family, 14, XFontStyleEx.Bold, Unicode);
        private readonly XFont small = new(EmbeddedFontResolver.Family, 8.5, XFontStyleEx.Regular, Unicode);
        private double y;

        public Writer(PdfDocument document)
        {
            this.document = document;
            gfx = NewPage();
        }

        public void Dispose() => gfx.Dispose();

        // A person with a long history of addresses runs onto further pages; the stamp stays on the first.
        private XGraphics NewPage()
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            width = page.Width.Point - 2 * Margin;
            bottom = page.Height.Point - Margin;
            y = Margin;
            return XGraphics.FromPdfPage(page);
        }

        public void Certificate(AddressCertificateView c, string verificationUrl)
        {
            Line(CertificateTexts.Title, title, XBrushes.Black, Margin);
            y += 4;
            Line($"№ {c.Number} · {CertificateTexts.Issued(c.IssuedAt)} · {c.RequestNumber}", body, XBrushes.Black, Margin);
            Line($"{c.FullName} · {CertificateTexts.Date(c.BirthDate)} · {c.PersonId}", strong, XBrushes.Black, Margin);
            y += 10;

            // The stamp (§16): the address part and the operator inside a double frame.
            var top = y;
            y += 12;
            var inner = Margin + 12;
            Line(CertificateTexts.AddressPart, heading, new XSolidBrush(Ink), inner);
            var a = c.Address;
            if (a is null)
            {
                Line(CertificateTexts.None, strong, XBrushes.Black, inner);
            }
            else
            {
                Line(a.Line, strong, XBrushes.Black, inner);
                Line(a.Region + " · " + (a.Kind == "permanent" ? CertificateTexts.Permanent : CertificateTexts.Temporary), body, XBrushes.Black, inner);
                var closed = a.DeregisteredOn is { } d ? " · " + CertificateTexts.Deregistered + ": " + CertificateTexts.Date(d) : "";
                Line(CertificateTexts.Registered + ": " + CertificateTexts.Date(a.RegisteredOn) + closed, body, XBrushes.Black, inner);
            }

            y += 4;
            Line($"{CertificateTexts.Operator}: {c.Operator.Position} {c.Operator.Name} · {c.Operator.OfficeId}", body, XBrushes.Black, inner);
            y += 8;
            var frame = new XPen(Ink, 1.2);
            gfx.DrawRectangle(frame, Margin, top, width, y - top);
            gfx.DrawRectangle(frame, Margin + 3, top + 3, width - 6, y - top - 6);
            y += 14;

            if (c.Earlier.Count > 0)
            {
                Line(CertificateTexts.Earlier, heading, new XSolidBrush(Ink), Margin);
                foreach (var r in c.Earlier)
                {
                    var until = r.DeregisteredOn is { } d ? CertificateTexts.Date(d) : "";
                    Line($"{r.Line} · {CertificateTexts.Date(r.RegisteredOn)} – {until}", body, XBrushes.Black, Margin);
                }

                y += 10;
            }

            Line(CertificateTexts.Code + ":", body, XBrushes.Black, Margin);
            Line(c.VerificationCode, code, XBrushes.Black, Margin);
            y += 4;
            Line(CertificateTexts.Verify + ":", small, XBrushes.Black, Margin);
            Line(verificationUrl, small, XBrushes.Black, Margin);
        }

        /// <summary>Writes text from <paramref name="x"/> to the right margin, wrapped at spaces (or anywhere in one over-long word).</summary>
        private void Line(string text, XFont font, XBrush brush, double x)
        {
            var room = width - (x - Margin) * 2;
            var leading = font.GetHeight() * 1.15;
            foreach (var line in Wrap(text, font, room).ToList())
            {
                if (y + leading > bottom)
                {
                    gfx.Dispose();
                    gfx = NewPage();
                }

                gfx.DrawString(line, font, brush, new XRect(x, y, room, leading), XStringFormats.TopLeft);
                y += leading;
            }
        }

        private IEnumerable<string> Wrap(string text, XFont font, double room)
        {
            var current = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (gfx.MeasureString(candidate, font).Width <= room)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    yield return current;
                }

                current = word;
                while (current.Length > 1 && gfx.MeasureString(current, font).Width > room)
                {
                    var cut = current.Length - 1;
                    while (cut > 1 && gfx.MeasureString(current[..cut], font).Width > room)
                    {
                        cut--;
                    }

                    yield return current[..cut];
                    current = current[cut..];
                }
            }

            if (current.Length > 0)
            {
                yield return current;
            }
        }
    }
}
