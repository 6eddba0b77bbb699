using System.CommandLine;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>The four ways to identify a resident (R-ID-2), as command-line options.</summary>
internal sealed class IdentityOptions
{
    private readonly Option<string?> _citizenId = new("--citizen-id") { Description = "18-character citizen ID number" };
    private readonly Option<string?> _permit = new("--permit") { Description = "Hong Kong / Macao / Taiwan residence permit number" };
    private readonly Option<string?> _birthCertificate = new("--birth-cert") { Description = "Birth medical certificate number (newborn)" };
    private readonly Option<string?> _motherId = new("--mother-id") { Description = "Newborn without documents: the mother's ID number" };
    private readonly Option<int> _parity = new("--parity") { Description = "Newborn: the mother's delivery number (产次)" };
    private readonly Option<int> _birthOrder = new("--birth-order") { Description = "Newborn: birth order (胎次)" };
    private readonly Option<bool> _multipleBirth = new("--multiple-birth") { Description = "Newborn of a multiple birth (then --child-name is required)" };
    private readonly Option<string?> _childName = new("--child-name") { Description = "Newborn of a multiple birth: the child's name" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _citizenId, _permit, _birthCertificate, _motherId, _parity, _birthOrder, _multipleBirth, _childName })
            command.Options.Add(option);
    }

    /// <summary>Whether any identity option was given, e.g. to refuse one together with a record number.</summary>
    public bool AnyGiven(ParseResult parse) =>
        new Option[] { _citizenId, _permit, _birthCertificate, _motherId }.Any(o => parse.GetResult(o) is not null);

    public ResidentIdentity Read(ParseResult parse)
    {
        var identity = new ResidentIdentity();
        var given = 0;
        if (parse.GetValue(_citizenId) is { } id) { identity.CitizenIdNumber = id; given++; }
        if (parse.GetValue(_permit) is { } permit) { identity.ResidencePermitNumber = permit; given++; }
        if (parse.GetValue(_birthCertificate) is { } bmc) { identity.BirthMedicalCertificateNumber = bmc; given++; }
        if (parse.GetValue(_motherId) is { } mother)
        {
            identity.Newborn = new NewbornIdentity
            {
                MotherIdNumber = mother,
                Parity = parse.GetValue(_parity),
                BirthOrder = parse.GetValue(_birthOrder),
                IsMultipleBirth = parse.GetValue(_multipleBirth),
                Name = parse.GetValue(_childName) ?? "",
            };
            given++;
        }
        if (given != 1)
            throw new UsageException("Give exactly one of --citizen-id, --permit, --birth-cert or --mother-id (with --parity and --birth-order).");
        return identity;
    }
}
