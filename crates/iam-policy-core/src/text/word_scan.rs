//! Byte tests eight bytes at a time, for the JSON size count. The texts it tests on every
//! keystroke are mostly ARNs of 60–100 ASCII bytes, where a byte-by-byte loop was most of
//! the cost.

const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of a byte is set where `word`'s byte is below `n`, for `n` ≤ 0x80 (the
/// classic "has less" trick: a borrow can set bits above a true match, never where no byte
/// matches, so it is exact in *whether* any byte is).
pub(crate) fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word
}

/// Likewise where `word`'s byte equals `byte`.
pub(crate) fn equal(word: u64, byte: u8) -> u64 {
    below(word ^ (ONES * u64::from(byte)), 1)
}

/// `bytes` as little-endian words, and the fewer than eight bytes left over.
pub(crate) fn words(bytes: &[u8]) -> (impl Iterator<Item = u64> + '_, &[u8]) {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    let words = chunks.map(|chunk| {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        u64::from_le_bytes(word)
    });
    (words, rest)
}

/// For texts of eight bytes or more, words covering every byte: the last one overlaps its
/// neighbour when the length is not a multiple of eight. Right for asking whether *any*
/// byte matches, and cheaper than a byte loop over the rest.
pub(crate) fn covering_words(bytes: &[u8]) -> Option<impl Iterator<Item = u64> + '_> {
    let last_start = bytes.len().checked_sub(8)?;
    let (words, rest) = words(bytes);
    let last = (!rest.is_empty()).then(|| word_at(bytes, last_start));
    Some(words.chain(last))
}

/// The eight bytes from `start` as a word; the caller has checked they exist.
fn word_at(bytes: &[u8], start: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[start..start + 8]);
    u64::from_le_bytes(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covering_words_cover_every_byte_once_or_twice() {
        for length in 0..30 {
            let text: Vec<u8> = (0..length as u8).collect();
            let covered: Vec<u8> = covering_words(&text)
                .into_iter()
                .flatten()
                .flat_map(u64::to_le_bytes)
                .collect();
            if length < 8 {
                assert!(covered.is_empty());
            } else {
                let mut distinct = covered.clone();
                distinct.sort_unstable();
                distinct.dedup();
                assert_eq!(distinct, text, "{length}");
                assert!(covered.len() < length + 8);
            }
        }
    }
}
