/// A stable 64-bit fingerprint of some texts (FNV-1a over their bytes, each part closed by a zero
/// byte so that the parts' boundaries count). It names a version of data, such as a gazetteer, in
/// what an atlas stores; it is no defence against anyone crafting a collision.
///
/// ```
/// use coopatlas_text::fingerprint;
/// assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
/// assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
/// ```
pub fn fingerprint(parts: &[&str]) -> u64 {
    // Hand-written: four lines, and the value must never change with a dependency's release.
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}
