//! The deterministic test generator, from the library (`borderseal::envelope::seeded`), under
//! the name the tests and the vector generator use.
#![allow(dead_code)]

pub use borderseal::envelope::seeded::SeededRng as DetRng;
