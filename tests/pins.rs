//! Tool versions are pinned where each tool reads them, and those places must agree: the
//! wasm-bindgen CLI that Trunk, wasm-pack and the test runner use must be the library's
//! version in Cargo.lock (scripts/setup.sh installs exactly that), and Trunk's wasm-opt
//! must be the binaryen package.json installs.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

fn read(file: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The text between `before` and the next `"` after it.
fn quoted_after<'a>(text: &'a str, before: &str, file: &str) -> &'a str {
    let rest = text
        .split_once(before)
        .unwrap_or_else(|| panic!("{file} has no {before}"))
        .1;
    rest.split('"').next().unwrap_or_default()
}

#[test]
fn wasm_bindgen_is_one_version_in_cargo_toml_cargo_lock_and_trunk_toml() {
    let lock = read("Cargo.lock");
    let locked = quoted_after(&lock, "name = \"wasm-bindgen\"\nversion = \"", "Cargo.lock");
    let manifest = read("Cargo.toml");
    let required = quoted_after(&manifest, "wasm-bindgen = \"=", "Cargo.toml");
    let trunk = read("Trunk.toml");
    let trunk_wants = quoted_after(&trunk, "wasm_bindgen = \"", "Trunk.toml");
    assert_eq!(
        required, locked,
        "Cargo.toml pins wasm-bindgen ={required}, Cargo.lock has {locked}"
    );
    assert_eq!(
        trunk_wants, locked,
        "Trunk.toml wants wasm-bindgen {trunk_wants}, Cargo.lock has {locked}"
    );
    // setup.sh installs the CLI at whatever Cargo.lock says, rather than a copy.
    assert!(
        read("scripts/setup.sh").contains(
            "ipb_cargo_tool wasm-bindgen wasm-bindgen-cli \"$(ipb_wasm_bindgen_version)\""
        )
    );
}

#[test]
fn trunks_wasm_opt_is_the_binaryen_that_npm_installs() {
    let trunk = read("Trunk.toml");
    let wanted = quoted_after(&trunk, "wasm_opt = \"version_", "Trunk.toml");
    let package = read("package.json");
    let installed = quoted_after(&package, "\"binaryen\": \"", "package.json");
    assert_eq!(
        installed.split('.').next(),
        Some(wanted),
        "Trunk.toml wants wasm-opt version_{wanted}, package.json installs binaryen {installed}"
    );
    let lock = read("package-lock.json");
    let locked = quoted_after(
        &lock,
        "\"node_modules/binaryen\": {\n      \"version\": \"",
        "package-lock.json",
    );
    assert_eq!(locked, installed, "package-lock.json has binaryen {locked}");
}
