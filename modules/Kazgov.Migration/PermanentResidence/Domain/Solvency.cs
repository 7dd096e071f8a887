namespace Kazgov.Migration.PermanentResidence.Domain;

/// <summary>The applicant groups the §12 note and §18.4 exempt from proving solvency (the catalogue's exemptFor codes).</summary>
internal static class SolvencyExemptions
{
    /// <summary>Oralmans: no bank statements (ж, з) and no consent of the state (г) — permanent-residence §12 note.</summary>
    public const string Oralman = "oralman";

    /// <summary>Born in, or formerly citizens of, Kazakhstan / the Kazakh SSR, and their family members: no bank statements.</summary>
    public const string NativeOrFormerCitizen = "native-or-former-citizen";

    /// <summary>Citizens of states with a treaty on simplified acquisition of citizenship: no bank statements.</summary>
    public const string TreatyStateCitizen = "treaty-state-citizen";

    public static readonly IReadOnlyList<string> All = [Oralman, NativeOrFormerCitizen, TreatyStateCitizen];
}

/// <summary>
/// What solvency (permanent-residence §12.2.ж–з, §18.4) is judged on, all in tenge:
/// <paramref name="BankBalance"/> the statement's balance on the application date,
/// <paramref name="Mci"/> the MCI in force on that date, <paramref name="HousingFunds"/> the second
/// statement's amount, <paramref name="PricePerSquareMetre"/> the reference price in the intended settlement.
/// </summary>
internal sealed record SolvencyCase(
    string? Exemption,
    decimal? BankBalance,
    decimal Mci,
    bool HousingContract,
    int FamilyMembers,
    decimal? HousingFunds,
    decimal? PricePerSquareMetre);

/// <summary>One unmet part of solvency, with the amounts compared.</summary>
internal sealed record SolvencyShortfall(string Paragraph, decimal Required, decimal Shown);

/// <summary>
/// permanent-residence §12.2.ж, §12.2.з and §18.4 as pure rules: a balance of at least 1 320 × MCI
/// on the application date, and money to buy housing at 15 m² per family member at the reference
/// price of the settlement, unless a housing contract replaces the second statement; none of it for
/// the three exempt groups. Amounts are compared to the tiyn, never rounded.
/// </summary>
internal static class Solvency
{
    /// <summary>§12.2.ж: «мың үш жүз жиырма есе» — the catalogue's minimumBalanceMci.</summary>
    public const int MinimumBalanceMci = 1320;

    /// <summary>§12.2.з: «отбасының бір мүшесіне 15 шаршы метр есебінен».</summary>
    public const int SquareMetresPerFamilyMember = 15;

    public static decimal MinimumBalance(decimal mci, int minimumBalanceMci = MinimumBalanceMci) => mci * minimumBalanceMci;

    public static decimal HousingFundsNeeded(int familyMembers, decimal pricePerSquareMetre) =>
        familyMembers * SquareMetresPerFamilyMember * pricePerSquareMetre;

    public static bool IsExempt(string? exemption) => exemption is not null && SolvencyExemptions.All.Contains(exemption);

    /// <summary>The unmet parts; empty when solvency is proven or not asked (§18.4's exceptions).</summary>
    public static IReadOnlyList<SolvencyShortfall> Check(SolvencyCase @case, int minimumBalanceMci = MinimumBalanceMci)
    {
        if (IsExempt(@case.Exemption))
        {
            return [];
        }

        var shortfalls = new List<SolvencyShortfall>();
        var minimum = MinimumBalance(@case.Mci, minimumBalanceMci);
        var balance = @case.BankBalance ?? 0m;
        if (balance < minimum)
        {
            shortfalls.Add(new SolvencyShortfall("§12.2.ж", minimum, balance));
        }

        if (!@case.HousingContract)
        {
            // Without a reference price nothing can be shown enough: the intake check asks for one first.
            var needed = @case.PricePerSquareMetre is { } price ? HousingFundsNeeded(Math.Max(@case.FamilyMembers, 1), price) : decimal.MaxValue;
            var funds = @case.HousingFunds ?? 0m;
            if (funds < needed)
            {
                shortfalls.Add(new SolvencyShortfall("§12.2.з", needed, funds));
            }
        }

        return shortfalls;
    }
}
