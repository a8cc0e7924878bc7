//! The entity types borderseal detects, spelled exactly as the public API names them.

use core::fmt;

macro_rules! entities {
    ($( $(#[$doc:meta])* $variant:ident => $text:literal, )*) => {
        /// A kind of personal data. The string form ([`Entity::as_str`]) is what policies,
        /// findings and audit records use.
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Entity {
            $( $(#[$doc])* $variant, )*
        }

        impl Entity {
            /// Every entity type, in declaration order.
            pub const ALL: &'static [Entity] = &[$(Entity::$variant,)*];

            /// The public name, e.g. `"CREDIT_CARD"`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( Entity::$variant => $text, )*
                }
            }

            /// Parses a public name (exact, case-sensitive).
            #[must_use]
            pub fn parse(name: &str) -> Option<Self> {
                match name {
                    $( $text => Some(Entity::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

entities! {
    /// E-mail address.
    Email => "EMAIL",
    /// Telephone number, E.164 or national format.
    Phone => "PHONE",
    /// International Bank Account Number (ISO 13616, mod 97).
    Iban => "IBAN",
    /// Payment card number (Luhn, IIN ranges).
    CreditCard => "CREDIT_CARD",
    /// IPv4 or IPv6 address.
    IpAddress => "IP_ADDRESS",
    /// MAC (EUI-48) address.
    MacAddress => "MAC_ADDRESS",
    /// Mobile equipment identity (Luhn).
    Imei => "IMEI",
    /// Mobile subscriber identity.
    Imsi => "IMSI",
    /// Machine-readable zone of a travel document (ICAO 9303 TD1/TD2/TD3).
    PassportMrz => "PASSPORT_MRZ",
    /// Passport number (with context).
    PassportNumber => "PASSPORT_NUMBER",
    /// US Social Security number.
    UsSsn => "US_SSN",
    /// UK National Insurance number.
    UkNino => "UK_NINO",
    /// UK NHS number (mod 11).
    UkNhs => "UK_NHS",
    /// French NIR (social security number, mod 97 key).
    FrNir => "FR_NIR",
    /// German tax identification number (Steuer-IdNr, ISO 7064 mod 11,10).
    DeTaxId => "DE_TAX_ID",
    /// German identity card number (7-3-1).
    DeIdCard => "DE_ID_CARD",
    /// Italian codice fiscale.
    ItFiscalCode => "IT_FISCAL_CODE",
    /// Spanish DNI (mod 23 letter).
    EsDni => "ES_DNI",
    /// Spanish NIE (mod 23 letter).
    EsNie => "ES_NIE",
    /// Dutch BSN (11-test).
    NlBsn => "NL_BSN",
    /// Belgian national register number (mod 97).
    BeNrn => "BE_NRN",
    /// Polish PESEL.
    PlPesel => "PL_PESEL",
    /// Swedish personnummer (Luhn).
    SePersonnummer => "SE_PERSONNUMMER",
    /// Finnish henkilötunnus (mod 31).
    FiHetu => "FI_HETU",
    /// Danish CPR number.
    DkCpr => "DK_CPR",
    /// Norwegian fødselsnummer (two mod 11 check digits).
    NoFnr => "NO_FNR",
    /// Austrian social insurance number.
    AtSvnr => "AT_SVNR",
    /// Czech / Slovak birth number (rodné číslo).
    CzBirthNumber => "CZ_BIRTH_NUMBER",
    /// Romanian CNP.
    RoCnp => "RO_CNP",
    /// Portuguese NIF.
    PtNif => "PT_NIF",
    /// Irish PPS number.
    IePpsn => "IE_PPSN",
    /// Canadian social insurance number (Luhn).
    CaSin => "CA_SIN",
    /// Australian tax file number.
    AuTfn => "AU_TFN",
    /// Indian Aadhaar number (Verhoeff).
    InAadhaar => "IN_AADHAAR",
    /// Date of birth (a date with birth context).
    DateOfBirth => "DATE_OF_BIRTH",
    /// A person's name in free text.
    Person => "PERSON",
    /// Vehicle identification number (ISO 3779, check digit for North America).
    Vin => "VIN",
    /// Vehicle licence plate (with context).
    LicensePlate => "LICENSE_PLATE",
    /// Bitcoin address (Base58Check, bech32/bech32m).
    BtcAddress => "BTC_ADDRESS",
    /// Ethereum address (EIP-55 where mixed case).
    EthAddress => "ETH_ADDRESS",
    /// URL.
    Url => "URL",
    /// GPS coordinates (decimal degrees or DMS).
    GpsCoordinates => "GPS_COORDINATES",
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for e in Entity::ALL {
            assert_eq!(Entity::parse(e.as_str()), Some(*e));
        }
        assert_eq!(Entity::parse("email"), None);
        assert_eq!(Entity::ALL.len(), 42);
    }
}
