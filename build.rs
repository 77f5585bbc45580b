// The curated dataset is embedded with include_dir!, which cannot tell cargo
// to rebuild when a data file changes on stable Rust; this does.
fn main() {
    println!("cargo:rerun-if-changed=data");
}
