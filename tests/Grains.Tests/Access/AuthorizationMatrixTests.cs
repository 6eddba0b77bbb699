using HealthRecords.Grains.Access;

namespace HealthRecords.Grains.Tests.Access;

/// <summary>
/// The authorization matrix of issue 7: every role × every action × own / other / minor / restricted
/// record, each cell asserted — allowed on a basis, or the exact denial (R-AC-1..5).
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly AccessTerms Terms = AccessTerms.PlatformDefaults;

    // own: managed by 500103C01 in district 500103, an adult; other: 500105C01's; minor: 500103C01's, born 2015.
    private static readonly Dictionary<string, RecordAccessFacts> Records = new()
    {
        ["own"] = new("50010300100100001", "500103C01", "500103", new DateOnly(1970, 5, 1)),
        ["other"] = new("50010500100100002", "500105C01", "500105", new DateOnly(1980, 5, 1)),
        ["minor"] = new("50010300100100003", "500103C01", "500103", new DateOnly(2015, 5, 1)),
    };

    private static readonly Dictionary<string, Principal> Users = new()
    {
        ["clinician"] = new("dr-wang", "500103C01", Role.Clinician),
        ["record_manager"] = new("rm-li", "500103C01", Role.RecordManager),
        ["institution_administrator"] = new("ia-zhao", "500103C01", Role.InstitutionAdministrator),
        ["district_administrator"] = new("da-chen", "500103", Role.DistrictAdministrator),
        ["city_administrator"] = new("ca-sun", Principal.CityInstitution, Role.CityAdministrator),
        ["researcher"] = new("re-zhou", Principal.CityInstitution, Role.Researcher),
        // The resident of the own record; the guardian of the minor and of the own record's adult (without capacity).
        ["resident"] = new("resident-a", "500103", Role.Resident, RecordNumber: "50010300100100001"),
        ["resident_of_minor"] = new("resident-c", "500103", Role.Resident, RecordNumber: "50010300100100003"),
        ["guardian"] = new("guardian-g", "500103", Role.Guardian, Wards: ["50010300100100003", "50010300100100001"]),
    };

    // R-AC-1, R-AC-2, R-AC-4: read of the record (the "restricted" column is the severe mental disorder part, R-AC-3).
    [Theory]
    [InlineData("clinician", "own", "OwningInstitution", true)]
    [InlineData("clinician", "other", "RESIDENT_AUTHORIZATION_REQUIRED", false)]
    [InlineData("clinician", "minor", "OwningInstitution", true)]
    [InlineData("record_manager", "own", "OwningInstitution", true)]
    [InlineData("record_manager", "other", "NOT_OWNING_INSTITUTION", false)]
    [InlineData("record_manager", "minor", "OwningInstitution", true)]
    [InlineData("institution_administrator", "own", "OwningInstitution", true)]
    [InlineData("institution_administrator", "other", "NOT_OWNING_INSTITUTION", false)]
    [InlineData("institution_administrator", "minor", "OwningInstitution", true)]
    [InlineData("district_administrator", "own", "DistrictManagement", false)]
    [InlineData("district_administrator", "other", "NOT_OWN_DISTRICT", false)]
    [InlineData("district_administrator", "minor", "DistrictManagement", false)]
    [InlineData("city_administrator", "own", "CityManagement", false)]
    [InlineData("city_administrator", "other", "CityManagement", false)]
    [InlineData("city_administrator", "minor", "CityManagement", false)]
    [InlineData("researcher", "own", "RESEARCH_EXPORT_ONLY", false)]
    [InlineData("researcher", "other", "RESEARCH_EXPORT_ONLY", false)]
    [InlineData("researcher", "minor", "RESEARCH_EXPORT_ONLY", false)]
    [InlineData("resident", "own", "Self", true)]
    [InlineData("resident", "other", "NOT_OWN_RECORD", false)]
    [InlineData("resident", "minor", "NOT_OWN_RECORD", false)]
    [InlineData("resident_of_minor", "minor", "MINOR_RECORD_FOR_GUARDIAN", false)]
    [InlineData("guardian", "own", "GuardianOfAdult", false)]
    [InlineData("guardian", "other", "NOT_A_WARD", false)]
    [InlineData("guardian", "minor", "GuardianOfMinor", true)]
    public void Read_ByRoleAndRecord_IsDecidedAsTheMatrixSays(string user, string record, string expected, bool seesSevereMentalDisorder)
    {
        // R-AC-1 R-AC-2 R-AC-3 R-AC-4
        // Arrange
        var principal = Users[user];

        // Act
        var decision = RecordAccessPolicy.DecideRead(principal, Records[record], [], Now, Terms);

        // Assert
        Assert.Equal(expected, decision.Allowed ? decision.Basis.ToString() : decision.Denial!.Reason);
        Assert.Equal(seesSevereMentalDisorder, decision.Shows(new InformationPrivacy(PrivacyLevel.Open, [], SevereMentalDisorder: true)));
        if (!decision.Allowed)
            Assert.StartsWith("R-AC-", decision.Denial!.Rule);
    }

    // R-AC-3: privacy levels — not open (owner and resident only), listed parties (plus the listed institutions).
    [Theory]
    [InlineData("clinician", "own", true, true)]
    [InlineData("record_manager", "own", true, true)]
    [InlineData("institution_administrator", "own", true, true)]
    [InlineData("district_administrator", "own", false, false)]
    [InlineData("city_administrator", "own", false, false)]
    [InlineData("resident", "own", true, true)]
    [InlineData("guardian", "own", false, false)]
    [InlineData("guardian", "minor", false, false)]
    public void PrivacyLevels_ShowOnlyToOwnerResidentAndListed(string user, string record, bool seesNotOpen, bool seesListedElsewhere)
    {
        // R-AC-3
        var decision = RecordAccessPolicy.DecideRead(Users[user], Records[record], [], Now, Terms);

        Assert.True(decision.Allowed);
        Assert.True(decision.Shows(InformationPrivacy.Open));
        Assert.Equal(seesNotOpen, decision.Shows(new InformationPrivacy(PrivacyLevel.NotOpen, [], false)));
        Assert.Equal(seesListedElsewhere, decision.Shows(new InformationPrivacy(PrivacyLevel.ListedParties, ["500199C01"], false)));
    }

    [Fact]
    public void ListedParties_AreOpenToTheListedInstitution_WithAuthorization()
    {
        // R-AC-3: a listed clinic reading with the resident's code sees the listed item, not a not-open one.
        var clinician = new Principal("dr-he", "500105C02", Role.Clinician);
        var record = Records["other"];
        var grant = new AccessGrant("ag-1", AccessBasis.ResidentAuthorization, record.RecordNumber, "500105C02", "dr-he", "treatment", Now.AddMinutes(-5), Now.AddHours(1));

        var decision = RecordAccessPolicy.DecideRead(clinician, record, [grant], Now, Terms);

        Assert.Equal(AccessBasis.ResidentAuthorization, decision.Basis);
        Assert.True(decision.Shows(new InformationPrivacy(PrivacyLevel.ListedParties, ["500105C02"], false)));
        Assert.False(decision.Shows(new InformationPrivacy(PrivacyLevel.ListedParties, ["500105C03"], false)));
        Assert.False(decision.Shows(new InformationPrivacy(PrivacyLevel.NotOpen, [], false)));
        Assert.False(decision.Shows(new InformationPrivacy(PrivacyLevel.Open, [], SevereMentalDisorder: true)));
    }

    // R-AC-2: another clinician reads with the resident's authorization or an emergency in force — theirs, for this record, not expired.
    [Theory]
    [InlineData("authorization", "dr-he", "500105C02", 60, "ResidentAuthorization")]
    [InlineData("emergency", "dr-he", "500105C02", 60, "Emergency")]
    [InlineData("authorization", "dr-he", "500105C02", -1, "RESIDENT_AUTHORIZATION_REQUIRED")]
    [InlineData("authorization", "dr-other", "500105C02", 60, "RESIDENT_AUTHORIZATION_REQUIRED")]
    [InlineData("authorization", "dr-he", "500105C03", 60, "RESIDENT_AUTHORIZATION_REQUIRED")]
    public void Clinician_OfAnotherInstitution_ReadsOnlyWithAGrantInForce(string kind, string grantUser, string grantInstitution, int minutesLeft, string expected)
    {
        // R-AC-2
        var clinician = new Principal("dr-he", "500105C02", Role.Clinician);
        var record = Records["other"];
        var basis = kind == "emergency" ? AccessBasis.Emergency : AccessBasis.ResidentAuthorization;
        var grant = new AccessGrant("g-1", basis, record.RecordNumber, grantInstitution, grantUser, "why", Now.AddHours(-1), Now.AddMinutes(minutesLeft));

        var decision = RecordAccessPolicy.DecideRead(clinician, record, [grant], Now, Terms);

        Assert.Equal(expected, decision.Allowed ? decision.Basis.ToString() : decision.Denial!.Reason);
    }

    [Fact]
    public void Grant_OfAnotherRecord_DoesNotOpenThisOne()
    {
        // R-AC-2
        var clinician = new Principal("dr-he", "500105C02", Role.Clinician);
        var grant = new AccessGrant("g-1", AccessBasis.ResidentAuthorization, Records["own"].RecordNumber, "500105C02", "dr-he", "why", Now.AddHours(-1), Now.AddHours(1));

        var decision = RecordAccessPolicy.DecideRead(clinician, Records["other"], [grant], Now, Terms);

        Assert.Equal("RESIDENT_AUTHORIZATION_REQUIRED", decision.Denial!.Reason);
    }

    // R-AC-4, R-AC-5, R-CN-2, R-ID-1, R-CN-4: administrative operations by role; every cell asserted.
    [Theory]
    [InlineData("clinician", false, false, false, false, false, true, false, false, false, false)]
    [InlineData("record_manager", false, false, false, false, false, false, false, false, false, false)]
    [InlineData("institution_administrator", true, false, false, false, false, false, false, false, true, false)]
    [InlineData("district_administrator", true, false, false, false, false, false, false, false, true, true)]
    [InlineData("city_administrator", true, false, true, false, true, false, true, true, true, true)]
    [InlineData("researcher", false, true, false, true, false, false, false, false, false, false)]
    [InlineData("resident", false, false, false, false, false, false, false, false, false, false)]
    [InlineData("guardian", false, false, false, false, false, false, false, false, false, false)]
    public void Operations_ByRole_AreAllowedAsTheMatrixSays(string user, bool queryAudit, bool requestExport, bool decideExport, bool downloadExport, bool reconcile, bool requestRecordAccess, bool verifyAudit,
        bool reviewDuplicates, bool queryQuality, bool importHistoric)
    {
        // R-AC-4 R-AC-5
        var principal = Users[user];
        var expected = new Dictionary<Operation, bool>
        {
            [Operation.QueryAuditLog] = queryAudit,
            [Operation.RequestResearchExport] = requestExport,
            [Operation.DecideResearchExport] = decideExport,
            [Operation.DownloadResearchExport] = downloadExport,
            [Operation.Reconcile] = reconcile,
            [Operation.RequestRecordAccess] = requestRecordAccess,
            [Operation.VerifyAuditLog] = verifyAudit,
            [Operation.ReviewDuplicates] = reviewDuplicates, // R-ID-1: the city administration merges
            [Operation.QueryDataQuality] = queryQuality,
            [Operation.ImportHistoricRecords] = importHistoric,
        };

        foreach (var (operation, allowed) in expected)
        {
            var denial = OperationPolicy.Check(principal, operation);
            Assert.True(allowed == (denial is null), $"{user} {operation}: expected {(allowed ? "allowed" : "denied")}, got {denial?.Reason ?? "allowed"}");
            if (denial is not null)
                Assert.Equal("ROLE_NOT_ALLOWED", denial.Reason);
        }
        Assert.Equal(Enum.GetValues<Operation>().Length, expected.Count);
    }

    [Fact]
    public void Minor_BecomesAdult_OnTheEighteenthBirthday()
    {
        // R-AC-1: the policy's adult age, counted in China time.
        var birth = new DateOnly(2008, 11, 22);

        Assert.True(RecordAccessPolicy.IsMinor(birth, new DateTimeOffset(2026, 11, 21, 23, 59, 0, TimeSpan.FromHours(8)), Terms));
        Assert.False(RecordAccessPolicy.IsMinor(birth, new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(8)), Terms));
        Assert.False(RecordAccessPolicy.IsMinor(null, Now, Terms));
    }
}
