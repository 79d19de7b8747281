#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| opscheck_fuzz::oracles::template(data));
