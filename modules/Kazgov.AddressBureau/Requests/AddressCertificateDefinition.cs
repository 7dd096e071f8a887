using System.Text.Json;
using Kazgov.AddressBureau.Domain;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Platform.Applications;

namespace Kazgov.AddressBureau.Requests;

/// <summary>
/// address-certificate (standard 3) in the shared lifecycle: every request is an application whose
/// module data names its kind (§7: in person, a priority agency in writing or by telephone, another
/// organisation), the agency, the requester and the reason that every lookup is audited under.
/// </summary>
internal sealed class AddressCertificateDefinition : IServiceDefinition
{
    public const string Code = "address-certificate";

    private static readonly LocalizedText RequiredText = CommonMessages.Required;

    public string ServiceCode => Code;

    public async ValueTask<JsonElement> ValidateIntakeAsync(IntakeContext context, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var data = ModuleData.Read<AddressRequestData>(context.ModuleData, context.ModuleDataPath, errors);
        if (data is null)
        {
            return context.ModuleData;
        }

        var kind = data.Kind?.Trim();
        if (kind is null || !RequestKinds.All.Contains(kind))
        {
            errors.Add(context.Field("kind"), new LocalizedText(
                "Бірі: " + string.Join(", ", RequestKinds.All), "Одно из: " + string.Join(", ", RequestKinds.All), "One of: " + string.Join(", ", RequestKinds.All)));
            return context.ModuleData;
        }

        if (string.IsNullOrWhiteSpace(data.Reason))
        {
            errors.Add(context.Field("reason"), RequiredText);
        }

        Agency? agency = null;
        if (kind is RequestKinds.AgencyWritten or RequestKinds.AgencyPhone)
        {
            agency = Agencies.Find(data.AgencyCode);
            if (agency is null)
            {
                errors.Add(context.Field("agencyCode"), new LocalizedText(
                    "§7.1 органдарының бірі", "Один из органов §7.1", "One of the agencies of §7.1"));
                return context.ModuleData;
            }

            if (string.IsNullOrWhiteSpace(data.Requester))
            {
                errors.Add(context.Field("requester"), RequiredText);
            }
        }

        var applicantType = RequestKinds.ApplicantType(kind, agency);
        if (context.ApplicantType != applicantType)
        {
            errors.Add("applicantType", new LocalizedText("Болуы керек: " + applicantType, "Должно быть: " + applicantType, "Must be: " + applicantType));
        }

        if (kind == RequestKinds.AgencyPhone)
        {
            if (agency is { LawEnforcement: false })
            {
                throw new ProblemException(AddressBureauProblems.PhoneNotAllowed);
            }

            // The telephone password was checked by POST /address-bureau/requests; a check is used once.
            var used = data.PasswordCheck is { } check && await context.Session.ExecuteAsync(
                """
                UPDATE address_bureau.password_attempts SET used = true
                WHERE id = @check AND agency_code = @agency AND succeeded AND NOT used
                """,
                new { check, agency = agency!.Code },
                cancellationToken) == 1;
            if (!used)
            {
                throw new ProblemException(AddressBureauProblems.WrongPassword);
            }
        }

        return JsonSerializer.SerializeToElement(
            new AddressRequestData(kind, agency?.Code, data.Requester?.Trim(), data.Reason?.Trim(), data.OutgoingNumber?.Trim(), data.PasswordCheck),
            PlatformJson.Options);
    }
}
