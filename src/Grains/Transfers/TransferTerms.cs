namespace HealthRecords.Grains.Transfers;

/// <summary>How the resident (or guardian) consented to a transfer (R-TR-1, CQ-A1 4(3)4).</summary>
public enum ConsentMethod { SignedOnSite = 1, Biometric = 2, SmsOrPhone = 3, Video = 4 }

/// <summary>Why a record moves: the seven reasons of CQ-A1 4(3)5 (R-TR-1).</summary>
public enum TransferReason
{
    ResidentRequest = 1,
    ChangeOfResidence = 2,
    Marriage = 3,
    MilitaryService = 4,
    Study = 5,
    DissatisfiedWithService = 6,
    FloatingPopulation = 7,
}

/// <summary>Where a transfer request stands; only <see cref="Completed"/> changes the owner (R-TR-2).</summary>
public enum TransferState { Pending = 1, Completed = 2, Rejected = 3, Expired = 4 }
