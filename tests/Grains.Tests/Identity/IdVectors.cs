namespace HealthRecords.Grains.Tests.Identity;

/// <summary>ID number test vectors (GB 11643, R-ID-2); check digits verified independently.</summary>
internal static class IdVectors
{
    public const string BeijingFemale1949 = "11010519491231002X";
    public const string Born18800101 = "440524188001010014";
    public const string ShenzhenMale1999 = "440308199901101512";
    public const string HongKongPermit = "810000199408230021";
    public const string MacaoPermit = "820000198506150030";
    public const string TaiwanPermit = "830000199201300022";

    public const string WrongCheckDigit = "440308199901101513";
    public const string ImpossibleDate = "440308199902301512";

    public const string Born18791231 = "440524187912310013";
    public const string Born20300101 = "440308203001011510";
    public const string Born20240229 = "440308202402291512";
    public const string UnknownProvince99 = "990000199001010017";
    public const string HongKongPrefixNotPermit = "810101199001010010";
    public const string ShenzhenFemale1999 = "440308199901101520";
}
