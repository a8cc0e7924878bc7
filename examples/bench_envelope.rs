//! Native seal/open throughput and multi-recipient seal latency. Run in release:
//! `cargo run --release --example bench_envelope`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use borderseal::envelope::{PrivateKey, SealOptions, open, seal};

fn best_of<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let keys: Vec<PrivateKey> = (0..10).map(|_| PrivateKey::generate().unwrap()).collect();
    let opts = |n: usize| SealOptions {
        recipients: keys[..n].iter().map(|k| k.public_key().clone()).collect(),
        ..SealOptions::default()
    };
    println!("{:>10} {:>12} {:>12}", "payload", "seal MB/s", "open MB/s");
    for (label, size, runs) in [
        ("1 KB", 1_000, 2000),
        ("1 MB", 1_000_000, 20),
        ("64 MB", 64 << 20, 3),
    ] {
        let pt = vec![0x5au8; size];
        let o = opts(1);
        let mut env = Vec::new();
        let t_seal = best_of(runs, || env = seal(&pt, &o).unwrap());
        let t_open = best_of(runs, || {
            assert_eq!(open(&env, &keys[0]).unwrap().plaintext.len(), size)
        });
        let mbs = |t: Duration| size as f64 / 1e6 / t.as_secs_f64();
        println!("{label:>10} {:>12.1} {:>12.1}", mbs(t_seal), mbs(t_open));
    }
    let pt = vec![0x33u8; 10_000];
    for n in [1, 3, 10] {
        let o = opts(n);
        let t = best_of(200, || {
            seal(&pt, &o).unwrap();
        });
        println!(
            "seal 10 KB to {n:>2} recipient(s): {:>8.1} µs",
            t.as_secs_f64() * 1e6
        );
    }
}
