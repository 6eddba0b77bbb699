using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Tests.Identity;

public sealed class DomainValidationExceptionTests
{
    [Fact]
    public void DomainValidationException_Message_JoinsViolations()
    {
        // R-ID-2: clear field-level errors
        var exception = new DomainValidationException(
        [
            new FieldViolation("identity.newborn.parity", "must be between 1 and 20, got 0"),
            new FieldViolation("identity.newborn.name", "is required"),
        ]);

        Assert.Equal("identity.newborn.parity: must be between 1 and 20, got 0; identity.newborn.name: is required", exception.Message);
        Assert.Equal(2, exception.Violations.Count);
    }

    [Fact]
    public void DomainValidationException_WithoutViolations_Throws()
    {
        // R-ID-2
        Assert.Throws<ArgumentException>(() => new DomainValidationException(Array.Empty<FieldViolation>()));
    }

    [Fact]
    public void DomainValidationException_SingleField_HasOneViolation()
    {
        // R-ID-2
        var exception = new DomainValidationException("identity", "none set");

        Assert.Equal(new FieldViolation("identity", "none set"), Assert.Single(exception.Violations));
        Assert.Equal("identity: none set", exception.Message);
    }
}
