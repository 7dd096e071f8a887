using System.Net;
using System.Text;
using Kazgov.AddressBureau.Certificates;
using Kazgov.AddressBureau.Requests;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Calendar;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.AddressBureau.Features.Certificates;

/// <summary>What anybody may learn from a verification code: that the certificate exists, its number, when and where it was issued — no personal data.</summary>
internal sealed record AddressCertificateVerification(bool Valid, string Number, LocalDate IssuedOn, string OfficeId);

internal static class CertificateEndpoints
{
    public static void MapCertificates(this IEndpointRouteBuilder group)
    {
        group.MapGet("/certificates/{number}", GetAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetAddressCertificate")
            .WithSummary("An address certificate, to whoever may read its request.")
            .Produces<AddressCertificateView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/certificates/{number}/print", PrintAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("PrintAddressCertificate")
            .WithSummary("The printable certificate (HTML): the stamp with the address part, the operator and the verification code (§16).")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/certificates/{number}.pdf", PdfAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetAddressCertificatePdf")
            .WithSummary("The certificate as a PDF: the same content as the printable HTML, Kazakh and Russian set in an embedded font.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/certificates/{code}/verification", VerifyAsync)
            .AllowPublicVerification()
            .WithName("VerifyAddressCertificate")
            .WithSummary("Public: whether a verification code belongs to an issued address certificate; its number, date and office — no personal data.")
            .Produces<AddressCertificateVerification>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<AddressCertificateView> ReadableAsync(string number, CertificateIssuer issuer, AddressRequests requests, CancellationToken cancellationToken)
    {
        var certificate = await issuer.FindAsync(number, cancellationToken)
            ?? throw new ProblemException(AddressBureauProblems.CertificateNotFound, extensions: new Dictionary<string, object?> { ["number"] = number });
        try
        {
            await requests.OpenAsync(certificate.RequestId, cancellationToken);
        }
        catch (ProblemException)
        {
            throw new ProblemException(AddressBureauProblems.CertificateNotFound, extensions: new Dictionary<string, object?> { ["number"] = number });
        }

        return certificate;
    }

    private static async Task<IResult> GetAsync(string number, CertificateIssuer issuer, AddressRequests requests, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var certificate = await ReadableAsync(number, issuer, requests, cancellationToken);
        await audit.RecordAsync(new AuditEvent("address-certificate-read", AuditSubjects.Iin, certificate.PersonId) { ObjectId = certificate.Number, ServiceCode = AddressCertificateDefinition.Code }, cancellationToken);
        return Results.Ok(certificate);
    }

    private static async Task<IResult> PrintAsync(string number, CertificateIssuer issuer, AddressRequests requests, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var c = await ReadableAsync(number, issuer, requests, cancellationToken);
        await audit.RecordAsync(new AuditEvent("address-certificate-print", AuditSubjects.Iin, c.PersonId) { ObjectId = c.Number, ServiceCode = AddressCertificateDefinition.Code }, cancellationToken);
        return Results.Content(Html(c), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> PdfAsync(string number, HttpRequest http, CertificateIssuer issuer, AddressRequests requests, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var c = await ReadableAsync(number, issuer, requests, cancellationToken);
        await audit.RecordAsync(new AuditEvent("address-certificate-pdf", AuditSubjects.Iin, c.PersonId) { ObjectId = c.Number, ServiceCode = AddressCertificateDefinition.Code }, cancellationToken);
        // The paper leaves the building: it carries the full public address of its verification.
        var verification = $"{http.Scheme}://{http.Host}{http.PathBase}{CertificateTexts.VerificationPath(c.VerificationCode)}";
        // Inline: the browser shows it in its PDF viewer, from where the clerk prints it.
        http.HttpContext.Response.Headers.ContentDisposition = $"inline; filename=\"{c.Number}.pdf\"";
        // Rendering (font subsetting, deflate) is CPU work of tens of milliseconds: on a thread-pool
        // thread, not on the socket thread that continued this request after its last read (with inline socket completions; BufferedRows).
        var pdf = await Task.Run(() => CertificatePdf.Render(c, verification), cancellationToken);
        return Results.File(pdf, "application/pdf");
    }

    private static async Task<IResult> VerifyAsync(string code, DbSession session, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<VerificationRow>(
            "SELECT number AS Number, issued_at AS IssuedAt, office_id AS OfficeId FROM address_bureau.certificates WHERE verification_code = @code",
            new { code = code.Trim().ToUpperInvariant() },
            cancellationToken)
            ?? throw new ProblemException(AddressBureauProblems.CertificateNotFound, extensions: new Dictionary<string, object?> { ["verificationCode"] = code });
        return Results.Ok(new AddressCertificateVerification(true, row.Number, row.IssuedAt.InZone(WorkingCalendar.Zone).Date, row.OfficeId));
    }

    private sealed record VerificationRow(string Number, Instant IssuedAt, string OfficeId);

    /// <summary>The certificate as printed: trilingual headings, the stamp (address part and operator, §16) and the code to verify it.</summary>
    public static string Html(AddressCertificateView c)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var a = c.Address;
        var issued = CertificateTexts.Issued(c.IssuedAt);
        var earlier = string.Concat(c.Earlier.Select(r =>
            $"<tr><td>{E(r.Line)}</td><td>{r.RegisteredOn:yyyy-MM-dd}</td><td>{(r.DeregisteredOn is { } d ? d.ToString("yyyy-MM-dd", null) : "")}</td></tr>"));
        string address;
        if (a is null)
        {
            address = "<p><strong>" + CertificateTexts.None + "</strong></p>";
        }
        else
        {
            var kind = a.Kind == "permanent" ? CertificateTexts.Permanent : CertificateTexts.Temporary;
            var closed = a.DeregisteredOn is { } dd ? " · " + CertificateTexts.Deregistered + ": " + CertificateTexts.Date(dd) : "";
            address = "<p><strong>" + E(a.Line) + "</strong></p><p>" + E(a.Region) + " · " + kind + "</p><p>" + CertificateTexts.Registered + ": "
                + CertificateTexts.Date(a.RegisteredOn) + closed + "</p>";
        }

        var history = earlier.Length == 0 ? "" : "<h2>" + CertificateTexts.Earlier + "</h2><table><tr><th></th><th>от</th><th>до</th></tr>" + earlier + "</table>";
        return $$"""
            <!doctype html>
            <html lang="kk"><head><meta charset="utf-8"><title>{{E(c.Number)}}</title>
            <style>body{font-family:serif;max-width:48rem;margin:2rem auto}h1{font-size:1.3rem}.stamp{border:3px double #1a3d7c;padding:1rem;margin-top:1rem}
            table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.2rem .4rem;text-align:left}.code{font-family:monospace;font-size:1.2rem}
            @media print{button{display:none} }</style></head>
            <body>
            <h1>{{CertificateTexts.Title}}</h1>
            <p>№ {{E(c.Number)}} · {{E(issued)}} · {{E(c.RequestNumber)}}</p>
            <p>{{E(c.FullName)}} · {{c.BirthDate:yyyy-MM-dd}} · {{E(c.PersonId)}}</p>
            <div class="stamp">
            <h2>{{CertificateTexts.AddressPart}}</h2>
            {{address}}
            <p>{{CertificateTexts.Operator}}: {{E(c.Operator.Position)}} {{E(c.Operator.Name)}} · {{E(c.Operator.OfficeId)}}</p>
            </div>
            {{history}}
            <p>{{CertificateTexts.Code}}: <span class="code">{{E(c.VerificationCode)}}</span></p>
            <p><small>{{E(CertificateTexts.VerificationPath(c.VerificationCode))}}</small></p>
            <button onclick="print()">Басып шығару · Печать · Print</button>
            </body></html>
            """;
    }
}
