namespace HealthRecords.Grains.Services;

/// <summary>
/// The measurement keys the platform understands; they feed the homepage tags (R-RC-2) and the
/// off-site summary (R-OS-4). Other keys are stored as sent, within the generic limits.
/// </summary>
public static class MeasurementKeys
{
    /// <summary>Height in centimetres, 30..250.</summary>
    public const string HeightCm = "height_cm";

    /// <summary>Weight in kilograms, 1..400.</summary>
    public const string WeightKg = "weight_kg";

    /// <summary>Systolic blood pressure in mmHg, 50..300.</summary>
    public const string SystolicMmHg = "systolic_mmhg";

    /// <summary>Diastolic blood pressure in mmHg, 20..200.</summary>
    public const string DiastolicMmHg = "diastolic_mmhg";

    /// <summary>Fasting blood glucose in mmol/L, 0.5..50.</summary>
    public const string FastingGlucoseMmol = "fasting_glucose_mmol";

    /// <summary>ABO blood type A, B, AB or O, optionally followed by the Rh sign + or -.</summary>
    public const string BloodType = "blood_type";

    /// <summary>"true" when the service was the elderly annual free health examination (R-OS-4); else "false".</summary>
    public const string AnnualFreeExam = "annual_free_exam";
}
