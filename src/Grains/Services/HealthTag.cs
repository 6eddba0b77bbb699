namespace HealthRecords.Grains.Services;

/// <summary>
/// Personal health tags of the homepage (R-RC-2, CQ art. 6, CQ-A1 1(2)), derived from the
/// service records by <see cref="HomepageDerivation.Derive"/>, never typed. Each member says its rule.
/// </summary>
public enum HealthTag
{
    /// <summary>
    /// Key population "children 0-6 and pregnant/postpartum women" (NAT 2(1)): aged under 7 today;
    /// when the date of birth is unknown, a child follow-up within the last 7 years; or a maternal
    /// follow-up within the last 12 months (a pregnancy and the postpartum visits fit in 12 months).
    /// </summary>
    MaternalOrChild = 1,

    /// <summary>Key population "elderly 65 and over" (NAT 2(1)): aged 65 or more today.</summary>
    Elderly = 2,

    /// <summary>Chronic disease managed (NAT 2(1): hypertension, type 2 diabetes): any such follow-up.</summary>
    ChronicDisease = 3,

    /// <summary>Notifiable infectious disease (tuberculosis is class B under the PRC infectious disease law): any tuberculosis follow-up.</summary>
    NotifiableInfectiousDisease = 4,

    /// <summary>Weight status by the Chinese adult BMI cut-offs (WS/T 428-2013): BMI &lt; 18.5.</summary>
    Underweight = 5,

    /// <summary>WS/T 428-2013: 18.5 ≤ BMI &lt; 24.0.</summary>
    NormalWeight = 6,

    /// <summary>WS/T 428-2013: 24.0 ≤ BMI &lt; 28.0.</summary>
    Overweight = 7,

    /// <summary>WS/T 428-2013: BMI ≥ 28.0.</summary>
    Obese = 8,

    /// <summary>Blood type from the most recent <c>blood_type</c> measurement (group A, any Rh).</summary>
    BloodTypeA = 9,

    /// <summary>Group B, any Rh.</summary>
    BloodTypeB = 10,

    /// <summary>Group AB, any Rh.</summary>
    BloodTypeAB = 11,

    /// <summary>Group O, any Rh.</summary>
    BloodTypeO = 12,

    /// <summary>
    /// Severe mental disorder under management (NAT 2(1)): any such follow-up. A restricted tag
    /// (<see cref="HealthTagExtensions.IsRestricted"/>): the security issue hides it from those not
    /// entitled to see it; derivation always computes it.
    /// </summary>
    SevereMentalDisorder = 13,
}
